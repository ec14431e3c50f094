namespace CareDesk.Features.AgentConsole.Guides;

/// <summary>The four guided refund cases the console offers.</summary>
public enum GuideKind
{
    /// <summary>Balance refund through the paying bank, including a refund that is late.</summary>
    BankRefund,

    /// <summary>Musaned visa cancellation and the refund of its fees.</summary>
    VisaCancellation,

    /// <summary>Fees paid before the SADAD system.</summary>
    PreSadad,

    /// <summary>A payment that is not reflected in the system.</summary>
    PaymentNotReflected,
}

/// <summary>
/// Where a guided flow ends for this caller: the article to read, what to tell them (a ui-text key
/// under <c>console.outcome.</c>), the rule behind the date (<c>console.rule.</c>), the date they can
/// expect the money by when the rule gives one, and whether the case now needs a ticket.
/// </summary>
/// <param name="Code">The outcome, e.g. <c>visa-mofa</c>; names the ui-text keys.</param>
/// <param name="ArticleId">The FAQ article that answers it.</param>
/// <param name="Rule">The rule code shown on screen, or null when the sources set no deadline.</param>
/// <param name="ExpectedBy">When the money should arrive, in Riyadh time, or null.</param>
/// <param name="Overdue">True when <paramref name="ExpectedBy"/> has passed.</param>
/// <param name="TicketCaseType">The case type to open a ticket of, when one is needed; else null.</param>
public sealed record GuideOutcome(string Code, string ArticleId, string? Rule, DateTimeOffset? ExpectedBy, bool Overdue, string? TicketCaseType)
{
    /// <summary>True when the flow ends in opening a ticket.</summary>
    public bool OffersTicket => TicketCaseType is not null;
}

/// <summary>Either an outcome, or the reason the answers cannot be used (a ui-text key under <c>console.guide.problem.</c>).</summary>
public sealed record GuideAnswer(GuideOutcome? Outcome, string? Problem)
{
    public static GuideAnswer Of(GuideOutcome outcome) => new(outcome, null);

    public static GuideAnswer Invalid(string problem) => new(null, problem);
}
