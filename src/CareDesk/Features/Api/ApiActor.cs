using CareDesk.Features.Tickets;
using CareDesk.Features.Accounts;

namespace CareDesk.Features.Api;

/// <summary>
/// Who an integration is to the rest of CareDesk: an intake agent of the Ministry named
/// <c>api:&lt;integration&gt;</c> (the name tickets record as their opener and the audit trail as actor).
/// </summary>
public static class ApiActor
{
    public const string Agency = "MOF";

    public static string UserName(string integration) => "api:" + integration;

    public static TicketActor For(string userName) => new(userName, userName, Roles.Agent, Agency);
}
