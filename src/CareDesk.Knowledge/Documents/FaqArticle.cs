namespace CareDesk.Knowledge.Documents;

/// <summary>
/// One FAQ article as the knowledge base holds it: the front matter of a <c>content/faq</c> file
/// plus its Arabic Markdown body.
/// </summary>
public sealed record FaqArticle
{
    /// <summary>Stable, unique, kebab-case identifier.</summary>
    public required string Id { get; init; }

    /// <summary>One topic slug from the FAQ taxonomy.</summary>
    public required string Topic { get; init; }

    /// <summary>Arabic title.</summary>
    public required string TitleAr { get; init; }

    /// <summary>English title.</summary>
    public string TitleEn { get; init; } = "";

    /// <summary>One or two Arabic sentences an agent can read aloud.</summary>
    public string SummaryAr { get; init; } = "";

    /// <summary>English summary.</summary>
    public string SummaryEn { get; init; } = "";

    /// <summary>Words callers actually use, formal and colloquial.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Case type codes the article answers.</summary>
    public IReadOnlyList<string> CaseTypes { get; init; } = [];

    /// <summary>Agency codes involved.</summary>
    public IReadOnlyList<string> Agencies { get; init; } = [];

    /// <summary>Channels (Absher, Etimad, bank, Musaned…) the article describes.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>Seed file names the article's facts come from.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>draft, in-review, published or archived.</summary>
    public string Status { get; init; } = "published";

    /// <summary>The date by which an editor must review the article again.</summary>
    public DateOnly? ReviewBy { get; init; }

    /// <summary>The Arabic Markdown body (short answer, steps, rule box, unified reply).</summary>
    public string Body { get; init; } = "";
}
