namespace CareDesk.Features.Accounts;

/// <summary>A person who signs in to CareDesk: one role, and for a liaison the agency they work for.</summary>
public sealed class CareDeskUser
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string DisplayNameAr { get; set; } = "";

    public string DisplayNameEn { get; set; } = "";

    public string? Role { get; set; }

    public string? Agency { get; set; }

    public string? PasswordHash { get; set; }

    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public bool LockoutEnabled { get; set; } = true;

    public DateTimeOffset? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;
}
