using CareDesk.Knowledge.Calendar;

namespace CareDesk.Features.AgentConsole.Guides;

/// <summary>
/// Balance refund through the paying bank (seed 004): the caller asks the bank they paid from,
/// choosing the same service and beneficiary; the money returns to that account usually within
/// 48 hours and at most within 3 working days; after that, a ticket through 19990.
/// </summary>
/// <remarks>
/// "3 working days" uses the Saudi working calendar (Sunday–Thursday minus the holidays in
/// <c>seeds/holidays.json</c>), keeping the request's time of day.
/// </remarks>
public static class BankRefundGuide
{
    public const int WorkingDays = 3;

    /// <param name="paidFromOwnAccount">Was the fee paid from the applicant's own account?</param>
    /// <param name="requestedAt">When the refund request was completed in the bank, or null if not yet.</param>
    public static GuideAnswer Evaluate(bool paidFromOwnAccount, DateTimeOffset? requestedAt, DateTimeOffset now, SaudiWorkingCalendar calendar)
    {
        if (!paidFromOwnAccount)
            return GuideAnswer.Of(new GuideOutcome("bank-other-payer", "refund-other-payer-account", null, null, false, null));
        if (requestedAt is not { } at)
            return GuideAnswer.Of(new GuideOutcome("bank-not-requested", "refund-via-bank", "bank-3-working-days", null, false, null));
        if (at > now)
            return GuideAnswer.Invalid("in-future");
        var expectedBy = calendar.AddWorkingDays(at, WorkingDays);
        return now > expectedBy
            ? GuideAnswer.Of(new GuideOutcome("bank-delayed", "refund-delayed", "bank-3-working-days", expectedBy, true, "refund-delayed"))
            : GuideAnswer.Of(new GuideOutcome("bank-waiting", "refund-duration", "bank-3-working-days", expectedBy, false, null));
    }
}
