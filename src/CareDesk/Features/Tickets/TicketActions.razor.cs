using Microsoft.AspNetCore.Components;

namespace CareDesk.Features.Tickets;

/// <summary>
/// The ticket page's action buttons and their fields. Each press hands the page a <see cref="TicketAction"/>:
/// what was entered, taken once at the press, and the ticket as the button showed it; the page adds the action key.
/// </summary>
public partial class TicketActions
{
    [Parameter, EditorRequired] public Ticket Ticket { get; set; } = default!;

    [Parameter] public bool CanWork { get; set; }

    /// <summary>While an action runs, the buttons are disabled (the page also ignores a click that gets through).</summary>
    [Parameter] public bool Busy { get; set; }

    [Parameter, EditorRequired] public Func<TicketAction, Task> Run { get; set; } = default!;

    private DateTime? _paymentAt;
    private DateTime? _cancelledAt;
    private string _channel = "";
    private DateOnly? _refundedOn;
    private string _template = "";
    private string _replyNote = "";
    private string _question = "";
    private string _rerouteTo = "";
    private string _rerouteReason = "";
    private string _resolveNote = "";
    private string _note = "";
    private string _reopenReason = "";

    private Task Claim(Ticket shown) =>
        Press(shown, "tickets.done.claimed", (object?)null, (c, a, t, _, key) => c.ClaimAsync(t.Id, t.Version, a, key));

    private Task Advance(Ticket shown) =>
        Press(shown, "tickets.done.advanced", (object?)null, (c, a, t, _, key) => c.AdvanceAsync(t.Id, t.Version, a, key));

    private Task Reply(Ticket shown) =>
        Press(shown, "tickets.done.replied", (Template: _template, Note: _replyNote), (c, a, t, input, key) => c.ReplyAsync(t.Id, t.Version, a, input.Template, input.Note, key));

    private Task RequestInfo(Ticket shown) =>
        Press(shown, "tickets.done.info-requested", _question, (c, a, t, question, key) => c.RequestInfoAsync(t.Id, t.Version, a, question, key));

    private Task Reroute(Ticket shown) =>
        Press(shown, "tickets.done.rerouted", (Agency: _rerouteTo, Reason: _rerouteReason), (c, a, t, input, key) => c.RerouteAsync(t.Id, t.Version, a, input.Agency, input.Reason, key));

    private Task Resolve(Ticket shown) =>
        Press(shown, "tickets.done.resolved", _resolveNote, (c, a, t, note, key) => c.ResolveAsync(t.Id, t.Version, a, note, key));

    private Task AddNote(Ticket shown) =>
        Press(shown, "tickets.done.noted", _note, (c, a, t, text, key) => c.AddNoteAsync(t.Id, t.Version, a, text, key));

    private Task Reopen(Ticket shown) =>
        Press(shown, "tickets.done.reopened", _reopenReason, (c, a, t, reason, key) => c.ReopenAsync(t.Id, t.Version, a, reason, key));

    // The input is taken once, at the press: it names the key and is what the command gets.
    private Task Press<TInput>(Ticket shown, string doneKey, TInput input, Func<TicketCommands, TicketActor, Ticket, TInput, Guid, Task<TicketResult>> apply) =>
        Run(new(doneKey, input, shown, (c, a, t, key) => apply(c, a, t, input, key)));

    // The inputs are Riyadh wall-clock times.
    private static DateTimeOffset? Riyadh(DateTime? local) =>
        local is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), CareDesk.Knowledge.Calendar.SaudiWorkingCalendar.RiyadhOffset) : null;

    private Task SaveVerification(Ticket shown)
    {
        var data = new VerificationData
        {
            PaymentAt = Riyadh(_paymentAt)?.ToUniversalTime(),
            CancelledAt = Riyadh(_cancelledAt)?.ToUniversalTime(),
            Channel = _channel is { Length: > 0 } c ? c : null,
            RefundedOn = _refundedOn,
        };
        return Press(shown, "tickets.done.verified", data, (c, a, t, input, key) => c.AddVerificationAsync(t.Id, t.Version, a, input, key));
    }
}
