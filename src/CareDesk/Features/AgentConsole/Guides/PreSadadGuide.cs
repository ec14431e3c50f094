namespace CareDesk.Features.AgentConsole.Guides;

/// <summary>
/// Fees paid before SADAD (seed 004): the refund starts in Absher, where a caller with a balance sees
/// an option to add their IBAN and request the refund; a Passports employee completes it. The
/// procedures set no duration, so the console gives none; a missing option or a request already
/// waiting goes to Passports as a ticket.
/// </summary>
public static class PreSadadGuide
{
    /// <param name="optionShownInAbsher">Does the caller see the refund option in Absher?</param>
    /// <param name="alreadyRequested">Has the caller already submitted the refund request there?</param>
    public static GuideAnswer Evaluate(bool optionShownInAbsher, bool alreadyRequested) =>
        (optionShownInAbsher, alreadyRequested) switch
        {
            (false, _) => GuideAnswer.Of(new GuideOutcome("pre-sadad-no-option", "refund-pre-sadad", "no-duration", null, false, "pre-sadad-refund")),
            (true, true) => GuideAnswer.Of(new GuideOutcome("pre-sadad-waiting", "refund-pre-sadad-followup", "no-duration", null, false, "pre-sadad-refund")),
            (true, false) => GuideAnswer.Of(new GuideOutcome("pre-sadad-steps", "refund-pre-sadad", "no-duration", null, false, null)),
        };
}
