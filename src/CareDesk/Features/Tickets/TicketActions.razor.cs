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
        Run(new("tickets.done.claimed", null, shown, (c, a, t, key) => c.ClaimAsync(t.Id, t.Version, a, key)));

    private Task Advance(Ticket shown) =>
        Run(new("tickets.done.advanced", null, shown, (c, a, t, key) => c.AdvanceAsync(t.Id, t.Version, a, key)));

    private Task Reply(Ticket shown)
    {
        var (template, note) = (_template, _replyNote);
        return Run(new("tickets.done.replied", (template, note), shown, (c, a, t, key) => c.ReplyAsync(t.Id, t.Version, a, template, note, key)));
    }

    private Task RequestInfo(Ticket shown)
    {
        var question = _question;
        return Run(new("tickets.done.info-requested", question, shown, (c, a, t, key) => c.RequestInfoAsync(t.Id, t.Version, a, question, key)));
    }

    private Task Reroute(Ticket shown)
    {
        var (agency, reason) = (_rerouteTo, _rerouteReason);
        return Run(new("tickets.done.rerouted", (agency, reason), shown, (c, a, t, key) => c.RerouteAsync(t.Id, t.Version, a, agency, reason, key)));
    }

    private Task Resolve(Ticket shown)
    {
        var note = _resolveNote;
        return Run(new("tickets.done.resolved", note, shown, (c, a, t, key) => c.ResolveAsync(t.Id, t.Version, a, note, key)));
    }

    private Task AddNote(Ticket shown)
    {
        var text = _note;
        return Run(new("tickets.done.noted", text, shown, (c, a, t, key) => c.AddNoteAsync(t.Id, t.Version, a, text, key)));
    }

    private Task Reopen(Ticket shown)
    {
        var reason = _reopenReason;
        return Run(new("tickets.done.reopened", reason, shown, (c, a, t, key) => c.ReopenAsync(t.Id, t.Version, a, reason, key)));
    }

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
        return Run(new("tickets.done.verified", data, shown, (c, a, t, key) => c.AddVerificationAsync(t.Id, t.Version, a, data, key)));
    }
}
