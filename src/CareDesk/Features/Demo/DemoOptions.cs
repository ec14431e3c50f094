using CareDesk.Data;

namespace CareDesk.Features.Demo;

/// <summary>Demo data beyond the demo users (<c>CareDesk:Demo</c>).</summary>
public sealed class DemoOptions
{
    public const string Section = "CareDesk:Demo";

    /// <summary>
    /// Write a month of demo tickets, searches and first-contact resolutions into a database that has
    /// no tickets yet (default: only in Development).
    /// </summary>
    public bool Tickets { get; init; }

    public static DemoOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var s = configuration.GetSection(Section);
        return new DemoOptions
        {
            Tickets = s[nameof(Tickets)] is { Length: > 0 } v
                ? bool.TryParse(v, out var b) ? b : throw new StartupException($"{Section}:{nameof(Tickets)} has an invalid value '{v}' (true or false) / قيمة غير صالحة للإعداد.")
                : environment.IsDevelopment(),
        };
    }
}
