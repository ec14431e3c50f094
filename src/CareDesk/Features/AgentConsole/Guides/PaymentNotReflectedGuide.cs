namespace CareDesk.Features.AgentConsole.Guides;

/// <summary>
/// A paid fee not reflected in the system (seed 004): when the amount left the account and the caller
/// has the proof of payment, the case goes to NIC as a ticket; the sources set no duration, so none is
/// promised. Without a debit there is nothing to reflect: check the payment first.
/// </summary>
public static class PaymentNotReflectedGuide
{
    /// <param name="debited">Did the amount leave the caller's account?</param>
    /// <param name="hasProof">Does the caller have the proof of payment (receipt, SADAD bill number)?</param>
    public static GuideAnswer Evaluate(bool debited, bool hasProof) =>
        (debited, hasProof) switch
        {
            (false, _) => GuideAnswer.Of(new GuideOutcome("not-reflected-not-debited", "payment-verification", null, null, false, null)),
            (true, false) => GuideAnswer.Of(new GuideOutcome("not-reflected-need-proof", "payment-not-reflected", "no-duration", null, false, null)),
            (true, true) => GuideAnswer.Of(new GuideOutcome("not-reflected-ticket", "payment-not-reflected", "no-duration", null, false, "payment-not-reflected")),
        };
}
