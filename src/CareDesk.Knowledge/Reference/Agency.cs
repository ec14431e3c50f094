namespace CareDesk.Knowledge.Reference;

/// <summary>Whether an agency owns stages of the journey or is an outside party to it.</summary>
public enum AgencyKind
{
    /// <summary>A government agency with liaison officers that tickets can be routed to.</summary>
    Owner,

    /// <summary>A party the journey involves (the paying bank, Musaned, Absher…) without a CareDesk inbox.</summary>
    External,
}

/// <summary>An agency or party from <c>seeds/agencies.json</c>.</summary>
public sealed record Agency : ReferenceItem
{
    /// <summary>Owner or external party.</summary>
    public required AgencyKind Kind { get; init; }

    /// <summary>True when tickets can be routed to the agency's liaison inbox (owners only).</summary>
    public bool Routable { get; init; }

    /// <summary>What the agency does in the refund journey, in Arabic.</summary>
    public string RoleAr { get; init; } = "";

    /// <summary>What the agency does in the refund journey, in English.</summary>
    public string RoleEn { get; init; } = "";
}

/// <summary>The shape of <c>seeds/agencies.json</c>.</summary>
public sealed record AgenciesFile
{
    /// <summary>All agencies and parties.</summary>
    public required IReadOnlyList<Agency> Agencies { get; init; }
}
