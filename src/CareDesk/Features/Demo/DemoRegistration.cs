using CareDesk.Data;
using CareDesk.Hosting;

namespace CareDesk.Features.Demo;

public static class DemoRegistration
{
    /// <summary>The demo tickets and console activity written at start-up when <c>CareDesk:Demo:Tickets</c> is on.</summary>
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton(DemoOptions.Read(builder.Configuration, builder.Environment));
        s.AddSingleton<DemoTickets>();
        s.AddSingleton<IStartupStep>(sp => sp.GetRequiredService<DemoTickets>());
        s.AddSingleton<IBannerLine>(sp => sp.GetRequiredService<DemoTickets>());
        return builder;
    }
}
