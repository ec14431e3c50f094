using CareDesk.Features.Knowledge.Editing;
using CareDesk.Knowledge.Documents;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace CareDesk.Features.Knowledge;

/// <summary>
/// Writes a new article or a new revision of one: every field of the content format, the Markdown
/// body with a live right-to-left preview, the format's problems as they are typed, a required
/// change note. Saving makes a draft revision; "save and submit" also sends it to review.
/// </summary>
public sealed partial class ArticleEditorPage
{
    [Inject] private IStringLocalizer T { get; set; } = default!;

    [Inject] private ArticleWorkflow Workflow { get; set; } = default!;

    [Inject] private RevisionStore Revisions { get; set; } = default!;

    [Inject] private ArticleValidator Validator { get; set; } = default!;

    [Inject] private EditorSession Session { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private CareDesk.Features.Health.DatabaseActions Db { get; set; } = default!;

    /// <summary>The article to revise; none for a new article.</summary>
    [SupplyParameterFromQuery(Name = "id")] private string? ArticleId { get; set; }

    /// <summary>The revision to start from (default: the latest).</summary>
    [SupplyParameterFromQuery(Name = "rev")] private int? FromRevision { get; set; }

    /// <summary>A new article's title, e.g. from a content gap's query.</summary>
    [SupplyParameterFromQuery(Name = "title")] private string? SuggestedTitle { get; set; }

    private ArticleForm _form = new();
    private string _note = "";
    private int _baseRevision;
    private bool _notFound;
    private bool _busy;
    private EditingException? _error;
    private CareDesk.Features.Health.DatabaseProblem? _dbProblem;

    private bool IsNew => string.IsNullOrEmpty(ArticleId);

    private string CancelHref => IsNew ? "/knowledge" : $"/knowledge/article?id={Uri.EscapeDataString(ArticleId!)}";

    private FaqArticle Preview => ToArticleOrBlank();

    private IReadOnlyList<ContentProblem> Problems => Validator.Problems(Preview with { Id = ArticleChecks.IsValidId(Preview.Id) ? Preview.Id : "new-article" });

    protected override async Task OnInitializedAsync()
    {
        if (IsNew)
        {
            _form = new ArticleForm { TitleAr = SuggestedTitle?.Trim() ?? "", Body = ArticleForm.NewBody };
            _note = T["editor.note.new"];
            return;
        }
        var history = await Revisions.HistoryAsync(ArticleId!);
        if (history.Count == 0)
        {
            _notFound = true;
            return;
        }
        _baseRevision = history[0].Revision;
        var document = await Revisions.DocumentAsync(ArticleId!, FromRevision ?? _baseRevision);
        if (document is null)
        {
            _notFound = true;
            return;
        }
        _form = ArticleForm.From(document);
    }

    private FaqArticle ToArticleOrBlank()
    {
        var a = _form.ToArticle();
        return a with { Id = IsNew ? a.Id : ArticleId!, TitleAr = a.TitleAr };
    }

    private async Task SaveAsync(bool submit)
    {
        _error = null;
        _dbProblem = null;
        _busy = true;
        try
        {
            var actor = await Session.ActorAsync() ?? throw EditingException.NotAllowed("edit");
            var article = ToArticleOrBlank();
            var id = article.Id;
            var revision = IsNew
                ? await Workflow.CreateAsync(article, _note, actor)
                : await Workflow.SaveDraftAsync(id, _baseRevision, article, _note, actor);
            if (submit)
                await Workflow.SubmitAsync(id, revision, actor);
            Navigation.NavigateTo($"/knowledge/article?id={Uri.EscapeDataString(id)}&rev={revision}");
        }
        catch (EditingException ex)
        {
            _error = ex;
        }
        catch (Exception ex)
        {
            // The form keeps the editor's text; the save button is the retry.
            _dbProblem = Db.Handle("save an article", ex);
        }
        finally
        {
            _busy = false;
        }
    }
}
