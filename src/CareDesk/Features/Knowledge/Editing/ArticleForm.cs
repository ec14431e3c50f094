using CareDesk.Knowledge.Documents;

namespace CareDesk.Features.Knowledge.Editing;

/// <summary>The editor's form: the fields of the content format as text boxes (lists comma-separated).</summary>
public sealed class ArticleForm
{
    public string Id { get; set; } = "";
    public string Topic { get; set; } = "";
    public string TitleAr { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string SummaryAr { get; set; } = "";
    public string SummaryEn { get; set; } = "";
    public string Keywords { get; set; } = "";
    public string CaseTypes { get; set; } = "";
    public string Agencies { get; set; } = "";
    public string Channels { get; set; } = "";
    public string Sources { get; set; } = "";
    public DateOnly? ReviewBy { get; set; }
    public string Body { get; set; } = "";

    /// <summary>A new article's body: the sections the content format requires, to fill in.</summary>
    public static string NewBody => string.Join("\n\n",
        FaqSections.RequiredHeadings.Select(h => h == FaqSections.RuleHeading
            ? $"## {h}\n- **{FaqSections.DeadlineLabel}:** \n- **{FaqSections.ResponsibleLabel}:** \n- **{FaqSections.EscalationLabel}:** "
            : $"## {h}\n"));

    public static ArticleForm From(FaqArticle a) => new()
    {
        Id = a.Id, Topic = a.Topic, TitleAr = a.TitleAr, TitleEn = a.TitleEn, SummaryAr = a.SummaryAr, SummaryEn = a.SummaryEn,
        Keywords = Join(a.Keywords), CaseTypes = Join(a.CaseTypes), Agencies = Join(a.Agencies), Channels = Join(a.Channels),
        Sources = Join(a.Sources), ReviewBy = a.ReviewBy, Body = a.Body,
    };

    public FaqArticle ToArticle() => new()
    {
        Id = Id.Trim(), Topic = Topic.Trim(), TitleAr = TitleAr.Trim(), TitleEn = TitleEn.Trim(), SummaryAr = SummaryAr.Trim(),
        SummaryEn = SummaryEn.Trim(), Keywords = Split(Keywords), CaseTypes = Split(CaseTypes), Agencies = Split(Agencies),
        Channels = Split(Channels), Sources = Split(Sources), ReviewBy = ReviewBy, Status = ArticleStatuses.Draft,
        Body = Body.Replace("\r\n", "\n").Trim(),
    };

    private static string Join(IReadOnlyList<string> items) => string.Join("، ", items);

    internal static IReadOnlyList<string> Split(string text) =>
        text.Split([',', '،', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}
