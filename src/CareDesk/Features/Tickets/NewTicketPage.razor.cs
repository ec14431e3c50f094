using CareDesk.Knowledge.Callers;
using CareDesk.Knowledge.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CareDesk.Features.Tickets;

/// <summary>
/// Opening a ticket: case type first, then only that type's fields. While the agent describes the
/// case, matching articles are suggested (the case may not need a ticket), and a caller who already
/// has an open ticket of this type is pointed to it. <c>?case_type=&amp;caller=</c> pre-fill the form.
/// </summary>
public partial class NewTicketPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "case_type")] public string? InitialCaseType { get; set; }

    [SupplyParameterFromQuery(Name = "caller")] public string? InitialCaller { get; set; }

    private string _caseType = "";
    private string _callerId = "";
    private string _callerPhone = "";
    private Dictionary<string, string> _details = [];
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private IReadOnlyList<SearchHit> _suggestions = [];
    private Ticket? _openOfType;
    private string? _message;
    private CareDesk.Features.Health.DatabaseProblem? _dbProblem;
    private bool _busy;
    private int _suggestVersion;

    // This form's submission key: one per form, kept across its retries (a retry after an outage, a
    // double click, a slow answer) and after it opened its ticket, so the server opens at most one
    // ticket for it: a click that lands after the first one succeeded, before the browser has left the
    // page, finds the ticket already opened. A new form is a new component with a new key.
    private readonly Guid _submissionKey = Guid.NewGuid();
    private bool _opened;

    protected override async Task OnInitializedAsync()
    {
        if (View.Router.FindCaseType(InitialCaseType ?? "") is not null)
            SelectCaseType(InitialCaseType!);
        if (!string.IsNullOrWhiteSpace(InitialCaller) && InitialCaller.Length <= 20)
        {
            _callerId = InitialCaller.Trim();
            await CheckOpenTicketsAsync();
        }
    }

    private void Set(string code, ChangeEventArgs e) => _details[code] = e.Value?.ToString() ?? "";

    private async Task ChangeCaseType(ChangeEventArgs e)
    {
        SelectCaseType(e.Value?.ToString() ?? "");
        await CheckOpenTicketsAsync();
    }

    private void SelectCaseType(string code)
    {
        _caseType = code;
        _details = View.Router.FindCaseType(_caseType)?.Fields.ToDictionary(f => f.Field, _ => "") ?? [];
        _errors = new Dictionary<string, string>();
        _suggestions = [];
        _message = null;
    }

    // Only a valid ID is looked up; the caller's tickets are read within the agent's own scope.
    private async Task CheckOpenTicketsAsync()
    {
        _openOfType = null;
        if (_caseType.Length == 0 || !NationalId.TryParse(_callerId, out var id, out _))
            return;
        var scope = TicketScope.For((await AuthState).User);
        // Only a hint: without the database the agent can still fill the form in, and is told why.
        _dbProblem = await Db.RunReadAsync("check the caller's open tickets", async () =>
        {
            var tickets = await History.ForCallerAsync(id.Value, scope);
            _openOfType = tickets.FirstOrDefault(t => t.CaseType == _caseType && !t.IsResolved);
        });
    }

    // Typing is fast and the search is microseconds; a short pause keeps the list from flickering.
    private async Task SuggestAsync(string? text)
    {
        var version = ++_suggestVersion;
        await Task.Delay(250);
        if (version != _suggestVersion)
            return;
        _suggestions = string.IsNullOrWhiteSpace(text) || text.Length > 500
            ? []
            : Search.Search(new SearchRequest { Query = text, Top = 3, CaseType = _caseType, Snippets = false, Prefix = true }).Hits;
    }

    private async Task SubmitAsync()
    {
        // A second click can arrive before the disabled button reaches the browser, or after the
        // first one opened the ticket and before the navigation away from this form has happened.
        if (_busy || _opened)
            return;
        var form = new OpenTicket(_caseType, _callerId, _callerPhone, _details);
        _errors = Validator.Validate(form);
        if (_errors.Count > 0)
        {
            _message = "tickets.error.form";
            return;
        }
        _busy = true;
        _message = null;
        try
        {
            var actor = TicketActor.From((await AuthState).User);
            TicketResult? result = null;
            // On failure every field keeps its value and the agent submits again with the same key: if the
            // failure hid a commit (the answer was lost), the retry finds that ticket instead of opening another.
            _dbProblem = await Db.RunRetrySafeAsync("open a ticket", async () => result = await Submissions.OpenAsync(form, actor, _submissionKey));
            if (result is TicketResult.Ok ok)
                Opened(ok.Ticket, already: false);
            else if (result is TicketResult.AlreadyOpened already)
                Opened(already.Ticket, already: true);
            else if (result is not null)
                _message = result is TicketResult.Invalid invalid ? invalid.MessageKey : "error.unexpected";
        }
        finally
        {
            _busy = false;
        }
    }

    private void Opened(Ticket ticket, bool already)
    {
        _opened = true;
        Nav.NavigateTo($"tickets/{ticket.Number}" + (already ? "?already-opened=true" : ""));
    }
}
