using CareDesk.Features.Health;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Features.Search;
using CareDesk.Knowledge.Documents;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace CareDesk.Features.Knowledge;

/// <summary>
/// One article: every revision with who, when and why; any revision shown; a side-by-side diff of
/// any two; restore an old revision as a new draft; and, for a reviewer who did not write it,
/// approve (publish) or send back the revision in review. The published revision is shown from the
/// node's snapshot (<see cref="KnowledgeSearch.Article"/>); during a database outage the page shows it
/// with an alert, and the history and actions, which need the database, wait for it.
/// </summary>
public sealed partial class ArticlePage
{
    [Inject] private IStringLocalizer T { get; set; } = default!;

    [Inject] private ArticleWorkflow Workflow { get; set; } = default!;

    [Inject] private RevisionStore Revisions { get; set; } = default!;

    [Inject] private EditorSession Session { get; set; } = default!;

    [Inject] private KnowledgeSearch Search { get; set; } = default!;

    [Inject] private DatabaseActions Db { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "id")] private string? ArticleId { get; set; }

    [SupplyParameterFromQuery(Name = "rev")] private int? Revision { get; set; }

    private EditorActor? Actor { get; set; }

    private IReadOnlyList<RevisionRow> _history = [];
    private ArticleRow? _row;
    private FaqArticle? _shown;
    private string? _shownHtml;
    private RenderedArticle? _published;
    private DatabaseProblem? _dbProblem;
    private int _shownRevision;
    private int _left;
    private int _right;
    private IReadOnlyList<DiffRow>? _diff;
    private string _reviewNote = "";
    private string _restoreNote = "";
    private string _archiveNote = "";
    private int? _restoreFrom;
    private EditingException? _error;
    private string? _done;

    private RevisionRow Latest => _history[0];

    protected override async Task OnInitializedAsync()
    {
        Actor = await Session.ActorAsync();
        _published = string.IsNullOrEmpty(ArticleId) ? null : Search.Article(ArticleId);
        _dbProblem = await Db.RunReadAsync("load an article's history", () => LoadAsync(Revision));
        if (_dbProblem is not null && _published is { } p)
            ShowPublished(p);
    }

    private async Task LoadAsync(int? show)
    {
        if (string.IsNullOrEmpty(ArticleId))
            return;
        _published = Search.Article(ArticleId);
        _history = await Revisions.HistoryAsync(ArticleId);
        if (_history.Count == 0)
            return;
        _row = (await Revisions.ArticlesAsync()).FirstOrDefault(a => a.Id == ArticleId);
        _right = Latest.Revision;
        _left = _history.Count > 1 ? _history[1].Revision : Latest.Revision;
        await ShowAsync(show is { } r && _history.Any(h => h.Revision == r) ? r : Latest.Revision);
    }

    private async Task ShowAsync(int revision)
    {
        if (_published is { } p && p.Revision == revision)
        {
            ShowPublished(p);
            return;
        }
        _shownRevision = revision;
        _shown = await Revisions.DocumentAsync(ArticleId!, revision);
        _shownHtml = null;
    }

    private void ShowPublished(RenderedArticle published)
    {
        _shownRevision = published.Revision;
        _shown = published.Front;
        _shownHtml = published.Body.Html;
    }

    private async Task DiffAsync()
    {
        var left = await Revisions.DocumentAsync(ArticleId!, _left);
        var right = await Revisions.DocumentAsync(ArticleId!, _right);
        if (left is not null && right is not null)
            _diff = LineDiff.SideBySide(FaqFile.Write(left), FaqFile.Write(right));
    }

    private void StartRestore(int revision)
    {
        _restoreFrom = revision;
        _restoreNote = "";
    }

    private Task SubmitAsync() => ActAsync("kb.done.submitted", a => Workflow.SubmitAsync(ArticleId!, Latest.Revision, a));

    private Task ApproveAsync() => ActAsync("kb.done.published", a => Workflow.ApproveAsync(ArticleId!, Latest.Revision, _reviewNote, a));

    private Task ReturnAsync() => ActAsync("kb.done.returned", a => Workflow.ReturnAsync(ArticleId!, Latest.Revision, _reviewNote, a));

    private Task ArchiveAsync() => ActAsync("kb.done.archived", a => Workflow.ArchiveAsync(ArticleId!, _archiveNote, a));

    private Task RestoreAsync() => ActAsync("kb.done.restored", async a =>
    {
        await Workflow.RestoreAsync(ArticleId!, _restoreFrom!.Value, _restoreNote, a);
        _restoreFrom = null;
    });

    private async Task ActAsync(string done, Func<EditorActor, Task> action)
    {
        _error = null;
        _done = null;
        try
        {
            await action(Actor ?? throw EditingException.NotAllowed("act"));
            _done = done;
            _reviewNote = "";
            _archiveNote = "";
        }
        catch (EditingException ex)
        {
            _error = ex;
        }
        await LoadAsync(null);
    }
}
