using System.Globalization;
using CareDesk.Features.Audit;
using CareDesk.Features.Health;

namespace CareDesk.Features.Api;

/// <summary>
/// Writes one audit entry for every request under <c>/api/</c> — refused ones included, so this wraps
/// the whole pipeline (it is added as a start-up filter, ahead of authentication and the rate limit):
/// the integration, the endpoint, the status code and the ticket number when there is one.
/// </summary>
public sealed class ApiAudit : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, inner) =>
        {
            if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || http.Request.Path.Equals("/api/openapi.json", StringComparison.OrdinalIgnoreCase))
            {
                await inner(http);
                return;
            }
            var status = StatusCodes.Status500InternalServerError;
            try
            {
                await inner(http);
                status = http.Response.StatusCode;
            }
            finally
            {
                var actor = http.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthentication.SchemeName, Name: { } name } ? name : "anonymous";
                var endpoint = $"{http.Request.Method} {Truncate(http.Request.Path.Value ?? "", 200)}";
                var entry = new AuditEntry(actor, AuditActions.ApiCall, endpoint,
                    http.Items[TicketEndpoints.TicketItem] as string, status.ToString(CultureInfo.InvariantCulture), http.Connection.RemoteIpAddress?.ToString());
                try
                {
                    await http.RequestServices.GetRequiredService<IAuditLog>().WriteAsync(entry, CancellationToken.None);
                }
                catch (Exception ex) when (DatabaseFailure.Classify(ex) is not null)
                {
                    // The database went away: the call's own answer (a 503, or a result committed just before)
                    // must still reach the client; the entry goes to the log instead of the table.
                    http.RequestServices.GetRequiredService<ILogger<ApiAudit>>().LogError("API call not audited ({Error}): {Actor} {Endpoint} {Status} {Ticket}",
                        DatabaseFailure.Describe(ex), entry.Actor, endpoint, entry.Details, entry.Ticket);
                }
            }
        });
        next(app);
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
