namespace CareDesk.Features.Knowledge.Editing;

/// <summary>The article's publication state (<c>kb_articles.status</c>).</summary>
public static class ArticleStatuses
{
    public const string Draft = "draft";
    public const string InReview = "in-review";
    public const string Published = "published";
    public const string Archived = "archived";
}

/// <summary>The state of one revision (<c>kb_revisions.state</c>).</summary>
public static class RevisionStates
{
    public const string Draft = "draft";
    public const string InReview = "in-review";
    public const string Published = "published";
    public const string Archived = "archived";
    public const string Superseded = "superseded";
    public const string Returned = "returned";
}
