using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CareDesk.Hosting;

/// <summary>What a person starting the console needs to see: where it is and how to sign in.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine("CareDesk is running — مكتب العناية بالعملاء يعمل");
        foreach (var a in addresses)
            Console.WriteLine($"  Console: {a}");
        foreach (var line in app.Services.GetServices<IBannerLine>().SelectMany(b => b.Lines()))
            Console.WriteLine($"  {line}");
        Console.WriteLine("  Press Ctrl+C to stop.");
        Console.Out.Flush();
    }
}

/// <summary>Lines a feature adds to the start-up banner (e.g. demo sign-ins).</summary>
public interface IBannerLine
{
    IEnumerable<string> Lines();
}
