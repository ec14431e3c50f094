using CareDesk.Knowledge.Calendar;
using Microsoft.AspNetCore.Components;

namespace CareDesk.Features.AgentConsole.Guides;

/// <summary>
/// The questions of one guided refund case and its outcome. The date logic lives in the
/// <c>*Guide</c> classes; this only collects the answers. Dates and times are entered in Riyadh time.
/// </summary>
public sealed partial class GuidePanel
{
    private DateTime? _acceptedAt;
    private DateTime? _cancelledAt;
    private DateTime? _requestedAt;
    private bool? _first;
    private bool? _second;
    private GuideOutcome? _outcome;
    private string? _problem;
    private GuideKind? _shownKind;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Inject]
    private CareDesk.Features.Reference.ReferenceSnapshot Snapshot { get; set; } = null!;

    private SaudiWorkingCalendar Calendar => Snapshot.Current.Calendar;

    [Parameter, EditorRequired]
    public GuideKind Kind { get; set; }

    /// <summary>The caller's tickets, to warn before a second open ticket of the same case type.</summary>
    [Parameter]
    public IReadOnlyList<Tickets.Ticket> OpenTickets { get; set; } = [];

    [Parameter]
    public EventCallback<GuideOutcome> OnOpenArticle { get; set; }

    [Parameter]
    public EventCallback OnClose { get; set; }

    private string KindKey => Kind switch
    {
        GuideKind.BankRefund => "bank",
        GuideKind.VisaCancellation => "visa",
        GuideKind.PreSadad => "pre-sadad",
        _ => "not-reflected",
    };

    // A different case starts with empty answers; the same case keeps what the agent entered.
    protected override void OnParametersSet()
    {
        if (_shownKind == Kind)
            return;
        (_first, _second, _acceptedAt, _cancelledAt, _requestedAt, _outcome, _problem) = (null, null, null, null, null, null, null);
        _shownKind = Kind;
    }

    private static DateTimeOffset Riyadh(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), SaudiWorkingCalendar.RiyadhOffset);

    private void Evaluate()
    {
        var now = Clock.GetUtcNow();
        GuideAnswer? answer = Kind switch
        {
            GuideKind.VisaCancellation when _acceptedAt is { } a && _cancelledAt is { } c =>
                VisaCancellationGuide.Evaluate(Riyadh(a), Riyadh(c), now),
            GuideKind.BankRefund when _first is { } own && _second is { } requested && (!requested || _requestedAt is not null) =>
                BankRefundGuide.Evaluate(own, requested ? Riyadh(_requestedAt!.Value) : null, now, Calendar),
            GuideKind.PreSadad when _first is { } shown && _second is { } asked => PreSadadGuide.Evaluate(shown, asked),
            GuideKind.PaymentNotReflected when _first is { } debited && _second is { } proof => PaymentNotReflectedGuide.Evaluate(debited, proof),
            _ => null,
        };
        _outcome = answer?.Outcome;
        _problem = answer is null ? "incomplete" : answer.Problem;
    }
}
