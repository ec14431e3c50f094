using CareDesk.Features.Accounts;
using CareDesk.Features.Tickets.Live;
using CareDesk.Knowledge.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace CareDesk.Features.Tickets;

public sealed partial class TicketPage
{
    [Parameter] public string Number { get; set; } = "";

    /// <summary>Set by the new-ticket form when its submit found the ticket its key had already opened.</summary>
    [SupplyParameterFromQuery(Name = "already-opened")] public bool AlreadyOpened { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private IStringLocalizer T { get; set; } = default!;
    [Inject] private TicketStore Store { get; set; } = default!;
    [Inject] private TicketView View { get; set; } = default!;
    [Inject] private TicketSignals Signals { get; set; } = default!;
    [Inject] private TicketPresence Presence { get; set; } = default!;
    [Inject] private TicketOptions Options { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private CareDesk.Features.Health.DatabaseActions Db { get; set; } = default!;

    private readonly string _session = Guid.NewGuid().ToString("N");
    private TicketActor _actor = default!;
    private Ticket? _ticket;
    private CaseType? _type;
    private IReadOnlyList<TicketEvent> _history = [];
    private IReadOnlyList<TicketViewer> _others = [];
    private bool _loaded;
    private bool _canWork;
    private bool _joined;
    private string? _message;
    private bool _ok;
    private CareDesk.Features.Health.DatabaseProblem? _dbProblem;
    private readonly PendingActionKeys _keys = new();
    private bool _busy;
    private DateTimeOffset _now;
    private Timer? _heartbeat;
    private CircuitCulture _culture;

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthState).User;
        _actor = TicketActor.From(user);
        _canWork = (await Authorization.AuthorizeAsync(user, Policies.WorkTickets)).Succeeded;
        await LoadAsync();
    }

    protected override void OnInitialized()
    {
        _culture = CircuitCulture.Capture();
        Signals.TicketChanged += OnTicketChanged;
        Signals.PresenceChanged += OnPresenceChanged;
        Signals.Resynced += OnResynced;
    }

    // Presence only counts live pages: join after the first interactive render, never while prerendering.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _ticket is null)
            return;
        await Presence.JoinAsync(_ticket.Id, _session, _actor);
        _joined = true;
        var beat = Options.PresenceTimeout / 3;
        _heartbeat = new Timer(_ => _ = InvokeAsync(_culture.Wrap(HeartbeatAsync)), null, beat, beat);
        await ReloadViewersAsync();
    }

    private async Task LoadAsync()
    {
        _now = Time.GetUtcNow();
        _ticket = await Store.GetByNumberAsync(Number, _actor.Scope);
        _type = _ticket is null ? null : View.Router.FindCaseType(_ticket.CaseType);
        _history = _ticket is null ? [] : await Store.HistoryAsync(_ticket.Id, _actor.Scope);
        _loaded = true;
    }

    private async Task HeartbeatAsync()
    {
        if (_ticket is null)
            return;
        try
        {
            await Presence.JoinAsync(_ticket.Id, _session, _actor);
            await ReloadViewersAsync();
        }
        catch (Npgsql.NpgsqlException)
        {
            // The next beat tries again; presence is a hint, never worth breaking the page for.
        }
    }

    private async Task ReloadViewersAsync()
    {
        if (_ticket is null)
            return;
        _others = (await Presence.ViewersAsync(_ticket.Id)).Where(v => v.SessionId != _session).ToList();
        StateHasChanged();
    }

    /// <summary>
    /// Runs an action on the version its button showed, under the action's key (<see cref="PendingActionKeys"/>);
    /// a conflict reloads and says so. A change the key had already saved shows as saved, not as a conflict.
    /// </summary>
    private async Task RunAsync(TicketAction action)
    {
        // A second click can arrive before the disabled buttons reach the browser.
        if (_busy)
            return;
        _busy = true;
        try
        {
            var key = _keys.For(action.DoneKey, action.Input, action.Shown.Version);
            TicketResult? result = null;
            // On failure the fields keep what was typed and the button is the retry, with the same key: if the
            // failure hid a commit (the answer was lost), the retry finds that change instead of making it again.
            _dbProblem = await Db.RunRetrySafeAsync("ticket action", async () => result = await action.Apply(Commands, _actor, action.Shown, key));
            if (result is null)
            {
                _message = null;
                return;
            }
            (_message, _ok) = result switch
            {
                TicketResult.Ok ok => Saved(action, key, ok.Ticket, action.DoneKey),
                TicketResult.AlreadySaved already => Saved(action, key, already.Ticket, "tickets.done.already-saved"),
                TicketResult.ConcurrencyConflict => ("tickets.conflict", false),
                TicketResult.NotFound => ("tickets.not-found", false),
                TicketResult.Invalid invalid => (invalid.MessageKey, false),
                _ => ("error.unexpected", false),
            };
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private (string, bool) Saved(TicketAction action, Guid key, Ticket ticket, string messageKey)
    {
        _keys.Saved(action.DoneKey, key, ticket.Version);
        return (messageKey, true);
    }

    [Inject] private TicketCommands Commands { get; set; } = default!;

    private void OnTicketChanged(TicketSignal signal)
    {
        if (_ticket is not null && signal.Id == _ticket.Id && signal.Version != _ticket.Version)
            _ = InvokeAsync(_culture.Wrap(ReloadAsync));
    }

    private void OnPresenceChanged(long ticketId)
    {
        if (_ticket is not null && ticketId == _ticket.Id && _joined)
            _ = InvokeAsync(_culture.Wrap(ReloadViewersAsync));
    }

    private void OnResynced() => _ = InvokeAsync(_culture.Wrap(ReloadAsync));

    // Live updates and retries: while the database is away the page keeps what it shows and says so.
    private async Task ReloadAsync()
    {
        _dbProblem = await Db.RunReadAsync("reload a ticket", LoadAsync);
        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        Signals.TicketChanged -= OnTicketChanged;
        Signals.PresenceChanged -= OnPresenceChanged;
        Signals.Resynced -= OnResynced;
        if (_heartbeat is not null)
            await _heartbeat.DisposeAsync();
        if (_joined && _ticket is not null)
        {
            try
            {
                await Presence.LeaveAsync(_ticket.Id, _session);
            }
            catch (Npgsql.NpgsqlException)
            {
                // The row ages out after the presence timeout.
            }
        }
    }
}
