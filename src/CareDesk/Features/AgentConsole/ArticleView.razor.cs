using CareDesk.Features.Knowledge;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;
using Microsoft.AspNetCore.Components;

namespace CareDesk.Features.AgentConsole;

/// <summary>
/// One published article as the agent reads it to the caller: the sections of its body, the rule box,
/// the unified reply to copy, its sources and review date, and "helpful / not helpful". The body is
/// the snapshot's sanitized HTML (<see cref="RenderedBody"/>); nothing is rendered from Markdown here.
/// </summary>
public sealed partial class ArticleView
{
    private (string Id, int Revision) _shown;
    private bool _feedbackSent;
    private string _comment = "";

    [Inject]
    private CareDesk.Features.Reference.ReferenceSnapshot Snapshot { get; set; } = null!;

    private ReferenceData Reference => Snapshot.Current.Data;

    [Parameter, EditorRequired]
    public RenderedArticle Article { get; set; } = null!;

    /// <summary>True for "helpful", false for "not helpful".</summary>
    [Parameter]
    public EventCallback<ArticleFeedback> OnFeedback { get; set; }

    [Parameter]
    public EventCallback OnClose { get; set; }

    private RenderedBody Body => Article.Body;

    private string Title => ConsoleText.Name(Article.Front.TitleAr, Article.Front.TitleEn);

    private string ReviewedOn => ConsoleText.Date(DateOnly.FromDateTime(Article.LastReviewedAt.ToOffset(SaudiWorkingCalendar.RiyadhOffset).DateTime));

    // Feedback belongs to one revision: a different article (or a newer revision) asks again.
    protected override void OnParametersSet()
    {
        if (_shown == (Article.Id, Article.Revision))
            return;
        _shown = (Article.Id, Article.Revision);
        _feedbackSent = false;
        _comment = "";
    }

    private string SourceTitle(string file) =>
        Reference.SourceDocuments.SourceDocuments.FirstOrDefault(d => d.File == file) is { } doc ? ConsoleText.Name(doc.TitleAr, doc.TitleEn) : file;

    private async Task SendAsync(bool helpful)
    {
        // Once per revision: a double click's second click arrives before the first is recorded.
        if (_feedbackSent)
            return;
        _feedbackSent = true;
        await OnFeedback.InvokeAsync(new ArticleFeedback(helpful, string.IsNullOrWhiteSpace(_comment) ? null : _comment.Trim()));
    }
}

/// <summary>The agent's verdict on an article, with what was missing when it did not help.</summary>
public sealed record ArticleFeedback(bool Helpful, string? Comment);
