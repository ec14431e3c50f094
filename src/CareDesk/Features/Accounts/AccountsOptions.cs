using CareDesk.Data;

namespace CareDesk.Features.Accounts;

/// <summary>Sign-in, lockout and cookie settings (<c>CareDesk:Accounts</c>).</summary>
public sealed class AccountsOptions
{
    public const string Section = "CareDesk:Accounts";

    /// <summary>Failed password attempts in a row before the account is locked.</summary>
    public int LockoutMaxFailures { get; init; } = 5;

    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a sign-in lasts without activity (sliding).</summary>
    public TimeSpan CookieLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>How often a signed-in cookie (and a live console) is checked against the user's security stamp.</summary>
    public TimeSpan StampValidationInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Sign-in posts allowed per client address per minute.</summary>
    public int SignInPermitsPerMinute { get; init; } = 10;

    /// <summary>Create the demo users from <c>seeds/demo-users.json</c> (default: only in Development).</summary>
    public bool DemoUsers { get; init; }

    public static AccountsOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var s = configuration.GetSection(Section);
        return new AccountsOptions
        {
            LockoutMaxFailures = Int(s, nameof(LockoutMaxFailures), 5, 1, 100),
            LockoutDuration = Span(s, nameof(LockoutDuration), TimeSpan.FromMinutes(15)),
            CookieLifetime = Span(s, nameof(CookieLifetime), TimeSpan.FromHours(8)),
            StampValidationInterval = Span(s, nameof(StampValidationInterval), TimeSpan.FromMinutes(1)),
            SignInPermitsPerMinute = Int(s, nameof(SignInPermitsPerMinute), 10, 1, 100_000),
            DemoUsers = s[nameof(DemoUsers)] is { Length: > 0 } d
                ? bool.TryParse(d, out var b) ? b : throw Bad(nameof(DemoUsers), d)
                : environment.IsDevelopment(),
        };
    }

    private static int Int(IConfigurationSection s, string key, int fallback, int min, int max)
    {
        if (s[key] is not { Length: > 0 } v)
            return fallback;
        return int.TryParse(v, out var n) && n >= min && n <= max ? n : throw Bad(key, v);
    }

    private static TimeSpan Span(IConfigurationSection s, string key, TimeSpan fallback)
    {
        if (s[key] is not { Length: > 0 } v)
            return fallback;
        return TimeSpan.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var t) && t >= TimeSpan.Zero ? t : throw Bad(key, v);
    }

    private static StartupException Bad(string key, string value) =>
        new($"{Section}:{key} has an invalid value '{value}' / قيمة غير صالحة للإعداد.");
}
