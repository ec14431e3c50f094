using System.Globalization;
using CareDesk.Data;

namespace CareDesk.Features.Api;

/// <summary>The HTTP API's rate limit per key (<c>CareDesk:Api</c>): a fixed window.</summary>
public sealed class ApiOptions
{
    public const string Section = "CareDesk:Api";

    /// <summary>Requests one API key may make per window.</summary>
    public int PermitsPerWindow { get; init; } = 120;

    /// <summary>The window's length.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    public static ApiOptions Read(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        var permits = s[nameof(PermitsPerWindow)];
        var window = s[nameof(Window)];
        var options = new ApiOptions();
        if (permits is not null)
        {
            if (!int.TryParse(permits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                throw new StartupException($"{Section}:{nameof(PermitsPerWindow)} = '{permits}' must be a positive whole number. / يجب أن يكون عدداً موجباً.");
            options = new ApiOptions { PermitsPerWindow = n, Window = options.Window };
        }
        if (window is not null)
        {
            if (!TimeSpan.TryParse(window, CultureInfo.InvariantCulture, out var w) || w <= TimeSpan.Zero)
                throw new StartupException($"{Section}:{nameof(Window)} = '{window}' must be a positive time span such as 00:01:00. / يجب أن تكون مدة موجبة.");
            options = new ApiOptions { PermitsPerWindow = options.PermitsPerWindow, Window = w };
        }
        return options;
    }
}
