using CareDesk.Knowledge.Calendar;

namespace CareDesk.Features.AgentConsole.Guides;

/// <summary>
/// Musaned visa cancellation (seed 004): cancelled within 72 hours of the visa's acceptance in
/// Musaned → refunded automatically; after 72 hours → sent to MOFA, refunded automatically within
/// 15 days; after those 15 days → check the status in Absher and a ticket through 19990.
/// </summary>
/// <remarks>
/// Both periods are elapsed clock time, not working time: the seed says "72 hours" and "15 days"
/// (not "working days"), and the visa journey's MOFA stage counts 360 hours. Exactly 72:00 counts as
/// within 72 hours. The 15 days run from the cancellation, when the request goes to MOFA.
/// </remarks>
public static class VisaCancellationGuide
{
    public static readonly TimeSpan AutomaticWindow = TimeSpan.FromHours(72);

    public static readonly TimeSpan MofaPeriod = TimeSpan.FromDays(15);

    public static GuideAnswer Evaluate(DateTimeOffset acceptedAt, DateTimeOffset cancelledAt, DateTimeOffset now)
    {
        if (cancelledAt < acceptedAt)
            return GuideAnswer.Invalid("cancelled-before-accepted");
        if (acceptedAt > now || cancelledAt > now)
            return GuideAnswer.Invalid("in-future");
        if (cancelledAt - acceptedAt <= AutomaticWindow)
            return GuideAnswer.Of(new GuideOutcome("visa-within-72h", "visa-refund-within-72h", "visa-72h", null, false, null));
        var expectedBy = cancelledAt.ToOffset(SaudiWorkingCalendar.RiyadhOffset) + MofaPeriod;
        return now > expectedBy
            ? GuideAnswer.Of(new GuideOutcome("visa-overdue", "visa-refund-overdue", "visa-15-days", expectedBy, true, "visa-fee-refund"))
            : GuideAnswer.Of(new GuideOutcome("visa-mofa", "visa-refund-after-72h", "visa-15-days", expectedBy, false, null));
    }
}
