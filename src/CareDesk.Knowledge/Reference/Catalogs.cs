namespace CareDesk.Knowledge.Reference;

/// <summary>A demo account from <c>seeds/demo-users.json</c>. Never for production.</summary>
public sealed record DemoUser
{
    /// <summary>Login name.</summary>
    public required string Username { get; init; }

    /// <summary>Arabic display name.</summary>
    public required string DisplayNameAr { get; init; }

    /// <summary>English display name.</summary>
    public required string DisplayNameEn { get; init; }

    /// <summary>Agent, Liaison, Editor, Reviewer, Supervisor or Admin.</summary>
    public required string Role { get; init; }

    /// <summary>The agency the user works for (required for liaisons).</summary>
    public string? Agency { get; init; }

    /// <summary>Demo password in clear text, for local demos only.</summary>
    public required string Password { get; init; }
}

/// <summary>The shape of <c>seeds/demo-users.json</c>.</summary>
public sealed record DemoUsersFile
{
    /// <summary>Must be true: the file exists for demos only.</summary>
    public required bool DemoOnly { get; init; }

    /// <summary>Arabic warning.</summary>
    public required string WarningAr { get; init; }

    /// <summary>English warning.</summary>
    public required string WarningEn { get; init; }

    /// <summary>The users.</summary>
    public required IReadOnlyList<DemoUser> Users { get; init; }
}

/// <summary>An FAQ topic from <c>seeds/topics.json</c> (copied from the design's faq-topics.md).</summary>
public sealed record Topic
{
    /// <summary>The slug articles put in <c>topic:</c>.</summary>
    public required string Slug { get; init; }

    /// <summary>Arabic name.</summary>
    public required string NameAr { get; init; }

    /// <summary>English name.</summary>
    public required string NameEn { get; init; }

    /// <summary>What the topic covers, exactly as faq-topics.md says.</summary>
    public required string Covers { get; init; }

    /// <summary>Seed document numbers (e.g. <c>004</c>) the topic draws on.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}

/// <summary>The shape of <c>seeds/topics.json</c>.</summary>
public sealed record TopicsFile
{
    /// <summary>The topics, in the taxonomy's order.</summary>
    public required IReadOnlyList<Topic> Topics { get; init; }
}

/// <summary>A channel articles may name in <c>channels:</c> (Absher, Etimad, Bank…).</summary>
public sealed record Channel : ReferenceItem
{
    /// <summary>The agency or party that runs the channel, when known.</summary>
    public string? Agency { get; init; }
}

/// <summary>The shape of <c>seeds/channels.json</c>.</summary>
public sealed record ChannelsFile
{
    /// <summary>The channels.</summary>
    public required IReadOnlyList<Channel> Channels { get; init; }
}

/// <summary>A seed document articles may cite in <c>sources:</c>.</summary>
public sealed record SourceDocument
{
    /// <summary>The file name, e.g. <c>004_28c49192f07a1128.txt</c>.</summary>
    public required string File { get; init; }

    /// <summary>Arabic title.</summary>
    public required string TitleAr { get; init; }

    /// <summary>English title.</summary>
    public required string TitleEn { get; init; }
}

/// <summary>The shape of <c>seeds/source-documents.json</c>.</summary>
public sealed record SourceDocumentsFile
{
    /// <summary>The seed documents.</summary>
    public required IReadOnlyList<SourceDocument> SourceDocuments { get; init; }
}
