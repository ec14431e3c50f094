namespace CareDesk.Knowledge.Documents;

/// <summary>The front matter keys of a <c>content/faq</c> file, in canonical order, and their allowed values.</summary>
public static class FaqFields
{
    /// <summary>Stable article identifier.</summary>
    public const string Id = "id";

    /// <summary>Topic slug.</summary>
    public const string Topic = "topic";

    /// <summary>Arabic title.</summary>
    public const string TitleAr = "title_ar";

    /// <summary>English title.</summary>
    public const string TitleEn = "title_en";

    /// <summary>Arabic summary.</summary>
    public const string SummaryAr = "summary_ar";

    /// <summary>English summary.</summary>
    public const string SummaryEn = "summary_en";

    /// <summary>Search keywords.</summary>
    public const string Keywords = "keywords";

    /// <summary>Case type codes.</summary>
    public const string CaseTypes = "case_types";

    /// <summary>Agency codes.</summary>
    public const string Agencies = "agencies";

    /// <summary>Channel codes.</summary>
    public const string Channels = "channels";

    /// <summary>Seed document file names.</summary>
    public const string Sources = "sources";

    /// <summary>Publication status.</summary>
    public const string Status = "status";

    /// <summary>Next review date (yyyy-MM-dd).</summary>
    public const string ReviewBy = "review_by";

    /// <summary>All keys in the order <see cref="FaqFile.Write"/> emits them.</summary>
    public static readonly IReadOnlyList<string> CanonicalOrder =
    [
        Id, Topic, TitleAr, TitleEn, SummaryAr, SummaryEn,
        Keywords, CaseTypes, Agencies, Channels, Sources, Status, ReviewBy,
    ];

    /// <summary>Keys whose value is a sequence of strings.</summary>
    public static readonly IReadOnlySet<string> ListKeys =
        new HashSet<string>(StringComparer.Ordinal) { Keywords, CaseTypes, Agencies, Channels, Sources };

    /// <summary>The allowed values of <c>status</c>.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["draft", "in-review", "published", "archived"];
}
