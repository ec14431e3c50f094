using CareDesk.Components.Localization;
using CareDesk.Features.Accounts;
using CareDesk.Features.AgentConsole.Guides;
using CareDesk.Features.Health;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Search;
using CareDesk.Features.Tickets;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Callers;
using CareDesk.Knowledge.Reference;
using CareDesk.Knowledge.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;

namespace CareDesk.Features.AgentConsole;

/// <summary>
/// The agent console: results while the agent types, arrow keys and Enter to open, filters, the
/// caller's ID, and the guided refund cases. A search is logged once the agent pauses or opens an
/// article, not on every keystroke; the opened article is logged against it. Search and reading an
/// article need no database (the index and the published articles are one in-memory snapshot,
/// <see cref="KnowledgeSnapshot"/>, and the log is written off the path, see <see cref="SearchLogQueue"/>);
/// what does need it says so in both languages when the database is away.
/// </summary>
public sealed partial class ConsolePage
{
    private static readonly TimeSpan LogPause = TimeSpan.FromMilliseconds(800);
    private const int Top = 10;

    private ElementReference _input;
    private string _query = "";
    private string? _caseType;
    private string? _agency;
    private string? _channel;
    private SearchResult? _result;
    private int _active = -1;
    private NationalId? _caller;
    private IReadOnlyList<Ticket> _history = [];
    private TicketScope _scope = TicketScope.Nothing;
    private GuideKind? _guide;
    private RenderedArticle? _article;
    private SearchLogEntry? _articleSearch;
    private GuideOutcome? _articleGuide;
    private string? _resolved;
    private bool _resolving;

    // The key of the first-contact resolution on screen: kept across retries of the button while the caller and the
    // article stay, new when either changes or once it is recorded (so a later call is never taken for a retry).
    private (string? Caller, string Article, int Revision, Guid Key)? _resolution;
    private bool _articleMissing;
    private SearchLogEntry? _logged;
    private DatabaseProblem? _dbProblem;
    private string? _loggedQuery;
    private CancellationTokenSource? _pause;
    private bool _interactive;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The telephony screen-pop's caller (<c>/calls/new?caller=</c> redirects here): an ID number or a phone number.</summary>
    [SupplyParameterFromQuery(Name = "caller")]
    public string? CallerQuery { get; set; }

    private string? _rejectedCaller;

    [Inject]
    private KnowledgeSearch Search { get; set; } = null!;

    [Inject]
    private ArticleFeedbackStore Feedback { get; set; } = null!;

    [Inject]
    private CallResolutionStore Resolutions { get; set; } = null!;

    [Inject]
    private CallerHistory History { get; set; } = null!;

    [Inject]
    private CareDesk.Features.Reference.ReferenceSnapshot Snapshot { get; set; } = null!;

    private ReferenceData Reference => Snapshot.Current.Data;

    [Inject]
    private ILogger<ConsolePage> Logger { get; set; } = null!;

    [Inject]
    private SearchLogQueue SearchLog { get; set; } = null!;

    [Inject]
    private DatabaseActions Db { get; set; } = null!;

    private IReadOnlyList<SearchHit> Hits => _result?.Hits ?? [];

    private string CountText =>
        _query.Trim().Length == 0 ? "" : _result is { TotalMatches: > 0 } r ? T["console.search.count", CountedNoun.Result.Format(r.TotalMatches, UiText.IsArabic)] : T["console.search.none"];

    internal static string GuideKey(GuideKind kind) => kind switch
    {
        GuideKind.BankRefund => "bank",
        GuideKind.VisaCancellation => "visa",
        GuideKind.PreSadad => "pre-sadad",
        _ => "not-reflected",
    };

    private string? _agent;

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is null)
            return;
        var user = (await AuthState).User;
        _agent = user.Identity?.Name;
        _scope = TicketScope.For(user);
        if (CallerQuery is { Length: > 0 } caller && (user.IsInRole(Roles.Agent) || user.IsInRole(Roles.Supervisor)))
            await ScreenPopAsync(caller);
    }

    private async Task ScreenPopAsync(string caller)
    {
        var value = caller.Trim();
        if (value.Length == 0)
            return;
        var found = NationalId.TryParse(value, out var id, out _);
        if (!found)
        {
            try
            {
                if (await History.NationalIdForPhoneAsync(value, _scope) is { } known)
                    found = NationalId.TryParse(known, out id, out _);
            }
            catch (Npgsql.NpgsqlException ex)
            {
                Logger.LogWarning(ex, "Could not look the caller's phone up");
            }
        }
        if (!found)
            _rejectedCaller = value;
        else
            await OnCallerChangedAsync(id);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        // Prerendered HTML cannot answer keystrokes yet; tests and scripts wait for this flag.
        _interactive = true;
        await _input.FocusAsync();
        StateHasChanged();
    }

    private void OnInput(ChangeEventArgs e)
    {
        _query = e.Value?.ToString() ?? "";
        RunSearch();
        ScheduleLog();
    }

    private void OnFilter(ref string? filter, ChangeEventArgs e)
    {
        filter = e.Value?.ToString() is { Length: > 0 } v ? v : null;
        RunSearch();
        ScheduleLog();
    }

    private void RunSearch()
    {
        _active = -1;
        _result = _query.Trim().Length == 0
            ? null
            : Search.Search(new SearchRequest { Query = _query, Top = Top, CaseType = _caseType, Agency = _agency, Channel = _channel });
        if (_result is { Hits.Count: > 0 })
            _active = 0;
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "ArrowDown" when Hits.Count > 0:
                _active = Math.Min(_active + 1, Hits.Count - 1);
                break;
            case "ArrowUp" when Hits.Count > 0:
                _active = Math.Max(_active - 1, 0);
                break;
            case "Enter" when _active >= 0 && _active < Hits.Count:
                await OpenFromSearchAsync(_active);
                break;
            case "Escape":
                _article = null;
                _articleMissing = false;
                break;
        }
    }

    private async Task OpenFromSearchAsync(int index)
    {
        _active = index;
        var id = Hits[index].Id;
        await OpenArticleAsync(id, EnsureLogged());
    }

    private async Task OnCallerChangedAsync(NationalId? caller)
    {
        _caller = caller;
        _history = [];
        _dbProblem = null;
        if (caller is { } id)
            _dbProblem = await Db.RunReadAsync("read the caller's tickets", async () => _history = await History.ForCallerAsync(id.Value, _scope));
    }

    private Task OpenFromGuideAsync(GuideOutcome outcome) => OpenArticleAsync(outcome.ArticleId, null, outcome);

    // The article comes from the node's snapshot, built with the index the results came from: no
    // database round trip, so it opens during an outage too. Its log entry waits in the queue.
    private Task OpenArticleAsync(string id, SearchLogEntry? search, GuideOutcome? guide = null)
    {
        _dbProblem = null;
        _article = Search.Article(id);
        _articleMissing = _article is null;
        _articleSearch = search;
        _articleGuide = guide;
        _resolved = null;
        if (_article is not null && search is not null)
            SearchLog.Choose(search, id);
        return Task.CompletedTask;
    }

    private async Task CloseArticleAsync()
    {
        _article = null;
        await _input.FocusAsync();
    }

    private async Task FeedbackAsync(ArticleFeedback feedback)
    {
        if (_article is { } a)
            _dbProblem = await Db.RunAsync("record article feedback", () => Feedback.RecordAsync(a.Id, a.Revision, feedback.Helpful, feedback.Comment, _agent));
    }

    // The index holds the Arabic title; in English the article's English title, from the same published snapshot.
    private string HitTitle(SearchHit hit) =>
        Search.Article(hit.Id) is { } article ? ConsoleText.Name(article.Front.TitleAr, article.Front.TitleEn) : hit.Title;

    // Closing the call without a ticket records exactly what the caller was told: the article revision
    // on screen and, when a guide led there, its outcome and date. Then the console is ready for the next call.
    private async Task ResolveAsync()
    {
        // A second click can arrive while the first is being recorded.
        if (_article is not { } a || _resolving)
            return;
        if (_resolution is not { } r || (r.Caller, r.Article, r.Revision) != (_caller?.Value, a.Id, a.Revision))
            _resolution = (_caller?.Value, a.Id, a.Revision, Guid.NewGuid());
        var call = new CallResolution(_caller?.Value, a.Id, a.Revision, _articleGuide?.Code, _articleGuide?.ExpectedBy, _articleSearch?.Id, _agent,
            _resolution.Value.Key);
        // On failure the article, caller and guide stay on screen: the button records the call once the database answers,
        // with the same key, so a failure that hid a commit does not record the call twice.
        _resolving = true;
        try
        {
            _dbProblem = await Db.RunRetrySafeAsync("record a first-contact resolution", () => Resolutions.RecordAsync(call));
        }
        finally
        {
            _resolving = false;
        }
        if (_dbProblem is not null)
        {
            _resolved = T["console.resolve.failed"];
            return;
        }
        _resolution = null;
        _resolved = T["console.resolve.done", ConsoleText.Name(a.Front.TitleAr, a.Front.TitleEn), a.Revision];
        (_caller, _history, _article, _articleGuide, _articleSearch, _guide) = (null, [], null, null, null, null);
        await _input.FocusAsync();
    }

    // The search log wants what the agent settled on: restart the pause on every change.
    private void ScheduleLog()
    {
        _pause?.Cancel();
        _pause?.Dispose();
        _pause = new CancellationTokenSource();
        var token = _pause.Token;
        _ = Task.Delay(LogPause, token).ContinueWith(_ => InvokeAsync(() => EnsureLogged()), token,
            TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    // Queued, never awaited: logging must never cost the agent the answer, least of all while the database is away.
    private SearchLogEntry? EnsureLogged()
    {
        var query = _query.Trim();
        if (query.Length == 0)
            return null;
        var key = $"{query}\n{_caseType}\n{_agency}\n{_channel}";
        if (key == _loggedQuery)
            return _logged;
        _loggedQuery = key;
        var result = _result;
        _logged = SearchLog.Enqueue(query, result?.TotalMatches ?? 0, result?.Hits.FirstOrDefault()?.Id, userName: _agent, source: "console");
        return _logged;
    }

    public void Dispose()
    {
        _pause?.Cancel();
        _pause?.Dispose();
    }
}
