namespace CareDesk.Features.Accounts;

/// <summary>
/// Authorization policy names. Every page, component action and API endpoint names one of these;
/// anything that names none is denied (the fallback policy). Which roles each admits is decided in
/// one place, the accounts feature's registration.
/// </summary>
public static class Policies
{
    /// <summary>Search the FAQ and read articles: Agent, Liaison, Editor, Reviewer, Supervisor.</summary>
    public const string ReadKnowledge = "knowledge.read";

    /// <summary>Identify callers and open tickets: Agent, Supervisor.</summary>
    public const string AnswerCallers = "callers.answer";

    /// <summary>Read tickets (scoped: a liaison sees only their agency's): Agent, Liaison, Supervisor.</summary>
    public const string ReadTickets = "tickets.read";

    /// <summary>Work tickets routed to one's agency (claim, note, verify, resolve, reroute): Liaison, Supervisor.</summary>
    public const string WorkTickets = "tickets.work";

    /// <summary>Write article drafts: Editor.</summary>
    public const string EditKnowledge = "knowledge.edit";

    /// <summary>Approve or send back revisions (never one's own), publish: Reviewer.</summary>
    public const string ReviewKnowledge = "knowledge.review";

    /// <summary>Reports and the audit trail: Supervisor, Admin.</summary>
    public const string ViewReports = "reports.view";

    /// <summary>See full ID numbers, IBANs and phone numbers (each reveal audited): Agent, Liaison, Supervisor.</summary>
    public const string RevealPersonalData = "pii.reveal";

    /// <summary>Users, roles, agencies, liaison directory, journeys, holidays: Admin.</summary>
    public const string Administer = "admin";
}
