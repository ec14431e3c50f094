using CareDesk.Knowledge.Documents;

namespace CareDesk.Features.Knowledge;

/// <summary>
/// A published revision as readers see it (the console's article view, <c>/knowledge/article</c>),
/// with its body already rendered through <see cref="SafeMarkdown"/>: raw HTML escaped, unsafe links
/// dropped. Built once per index load and held in the node's snapshot, so showing it needs neither
/// the database nor Markdown rendering. <see cref="Front"/> is the front matter; its Markdown body is
/// not kept.
/// </summary>
public sealed record RenderedArticle(FaqArticle Front, int Revision, DateTimeOffset LastReviewedAt, RenderedBody Body)
{
    public string Id => Front.Id;

    public static RenderedArticle From(PublishedArticle published) => new(
        published.Article with { Body = "" },
        published.Revision,
        published.LastReviewedAt,
        RenderedBody.From(published.Article.Body));
}

/// <summary>
/// An article body as sanitized HTML: whole, and split into the four sections the console lays out
/// (<see cref="FaqSections"/>). Rule lines and the reply to copy stay plain text (Razor encodes them).
/// </summary>
public sealed record RenderedBody(
    string Html,
    string? ShortAnswerHtml,
    string? StepsHtml,
    string? RuleHtml,
    string? Deadline,
    string? Responsible,
    string? Escalation,
    string? ReplyHtml,
    string? ReplyText)
{
    /// <summary>False for a body without the short answer and steps headings: the console shows it whole.</summary>
    public bool HasSections => ShortAnswerHtml is not null || StepsHtml is not null;

    public static RenderedBody From(string markdown)
    {
        var s = FaqSections.Extract(markdown);
        return new RenderedBody(
            SafeMarkdown.ToHtml(markdown),
            Render(s.ShortAnswer),
            Render(s.StepsMarkdown),
            Render(s.RuleMarkdown),
            s.Deadline,
            s.Responsible,
            s.Escalation,
            Render(s.UnifiedReply),
            s.UnifiedReplyText);
    }

    private static string? Render(string? markdown) => markdown is null ? null : SafeMarkdown.ToHtml(markdown);
}
