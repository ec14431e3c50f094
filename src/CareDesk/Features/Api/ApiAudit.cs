using System.Globalization;
using CareDesk.Features.Audit;
using CareDesk.Features.Health;
using Npgsql;

namespace CareDesk.Features.Api;

/// <summary>
/// Writes one audit entry for every request under <c>/api/</c> — refused ones included, so this wraps
/// the whole pipeline (it is added as a start-up filter, ahead of authentication and the rate limit):
/// the integration, the endpoint, the status code and the ticket number when there is one. An endpoint
/// that writes may put the entry in its own transaction instead (<see cref="WriteInTransactionAsync"/>,
/// then <see cref="Committed"/>): one commit for the change and its audit, and none of either if it rolls back.
/// </summary>
public sealed class ApiAudit : IStartupFilter
{
    private const string CommittedItem = "api.audited";

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
                // Already committed with the endpoint's own writes, for the answer the client got.
                if (http.Items[CommittedItem] is not int audited || audited != status)
                    await WriteAsync(http, Entry(http, status, http.Items[TicketEndpoints.TicketItem] as string));
            }
        });
        next(app);
    };

    /// <summary>
    /// Writes this call's entry inside the endpoint's transaction, for the answer <paramref name="status"/>
    /// it will give if that transaction commits. After the commit, call <see cref="Committed"/>.
    /// </summary>
    public static Task WriteInTransactionAsync(HttpContext http, NpgsqlConnection conn, NpgsqlTransaction tx, int status, string? ticket, CancellationToken ct) =>
        http.RequestServices.GetRequiredService<IAuditLog>().WriteAsync(conn, tx, Entry(http, status, ticket), ct);

    /// <summary>The entry written by <see cref="WriteInTransactionAsync"/> committed: no second one for this call.</summary>
    public static void Committed(HttpContext http, int status) => http.Items[CommittedItem] = status;

    private static AuditEntry Entry(HttpContext http, int status, string? ticket)
    {
        var actor = http.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthentication.SchemeName, Name: { } name } ? name : "anonymous";
        var endpoint = $"{http.Request.Method} {Truncate(http.Request.Path.Value ?? "", 200)}";
        return new AuditEntry(actor, AuditActions.ApiCall, endpoint, ticket, status.ToString(CultureInfo.InvariantCulture), http.Connection.RemoteIpAddress?.ToString());
    }

    private static async Task WriteAsync(HttpContext http, AuditEntry entry)
    {
        try
        {
            await http.RequestServices.GetRequiredService<IAuditLog>().WriteAsync(entry, CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseFailure.Classify(ex) is not null)
        {
            // The database went away: the call's own answer (a 503, or a result committed just before)
            // must still reach the client; the entry goes to the log instead of the table.
            http.RequestServices.GetRequiredService<ILogger<ApiAudit>>().LogError("API call not audited ({Error}): {Actor} {Endpoint} {Status} {Ticket}",
                DatabaseFailure.Describe(ex), entry.Actor, entry.Subject, entry.Details, entry.Ticket);
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
