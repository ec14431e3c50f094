namespace CareDesk.Knowledge.Reference;

/// <summary>Whether a liaison officer is the agency's first or second contact.</summary>
public enum LiaisonRank
{
    /// <summary>First contact; tickets are assigned here.</summary>
    Primary,

    /// <summary>Second contact; notified when a ticket passes its due time.</summary>
    Backup,
}

/// <summary>A liaison officer from <c>seeds/liaisons.json</c>. The seeded people are samples.</summary>
public sealed record Liaison
{
    /// <summary>The owner agency's code.</summary>
    public required string Agency { get; init; }

    /// <summary>Primary or backup.</summary>
    public required LiaisonRank Rank { get; init; }

    /// <summary>Arabic name.</summary>
    public required string NameAr { get; init; }

    /// <summary>English name.</summary>
    public required string NameEn { get; init; }

    /// <summary>Arabic job title.</summary>
    public string TitleAr { get; init; } = "";

    /// <summary>English job title.</summary>
    public string TitleEn { get; init; } = "";

    /// <summary>Phone number.</summary>
    public required string Phone { get; init; }

    /// <summary>E-mail address.</summary>
    public required string Email { get; init; }

    /// <summary>
    /// The CareDesk user name of this person, when they have an account; their agency's notices
    /// (<c>agency:CODE</c>) reach them as a liaison user of that agency.
    /// </summary>
    public string? Username { get; init; }

    /// <summary>True for the made-up people the repository ships with.</summary>
    public bool Sample { get; init; }
}

/// <summary>A public contact channel as the seed documents state it (number, account, address).</summary>
public sealed record PublicChannel
{
    /// <summary>Stable code, e.g. <c>MOF-19990</c>.</summary>
    public required string Code { get; init; }

    /// <summary>The agency or party the channel belongs to, when the seed says so.</summary>
    public string? Agency { get; init; }

    /// <summary>phone, email, social, web or web-form.</summary>
    public required string Kind { get; init; }

    /// <summary>The number, handle or address; null when the seed describes the channel without it.</summary>
    public string? Value { get; init; }

    /// <summary>Arabic name.</summary>
    public required string NameAr { get; init; }

    /// <summary>English name.</summary>
    public required string NameEn { get; init; }

    /// <summary>Working hours in Arabic, when the seed gives them.</summary>
    public string? HoursAr { get; init; }

    /// <summary>Working hours in English, when the seed gives them.</summary>
    public string? HoursEn { get; init; }

    /// <summary>When to use it, in Arabic.</summary>
    public string NoteAr { get; init; } = "";

    /// <summary>When to use it, in English.</summary>
    public string NoteEn { get; init; } = "";

    /// <summary>The seed document file the fact comes from.</summary>
    public required string Source { get; init; }
}

/// <summary>The shape of <c>seeds/liaisons.json</c>.</summary>
public sealed record LiaisonsFile
{
    /// <summary>Liaison officers, a primary and a backup per owner agency.</summary>
    public required IReadOnlyList<Liaison> Liaisons { get; init; }

    /// <summary>Public channels from the seed documents.</summary>
    public required IReadOnlyList<PublicChannel> PublicChannels { get; init; }
}
