using System.Globalization;
using CareDesk.Features.Accounts;
using CareDesk.Hosting;

namespace CareDesk.Features.Audit;

/// <summary><c>/audit/export.csv</c>: the filtered audit trail as CSV, UTF-8 with a BOM so Excel shows Arabic.</summary>
public static class AuditExport
{
    public static void MapAuditExport(this WebApplication app) =>
        app.MapGet("/audit/export.csv", async (HttpContext http, IAuditLog audit, string? user, string? action, string? from, string? to) =>
        {
            if (Parse(user, action, from, to) is not { } query)
                return Results.BadRequest(new { error = "filter", message = "user/action must be plain text (≤ 200), from/to dates as yyyy-MM-dd / قيم التصفية غير صالحة" });
            var rows = await audit.QueryAsync(query with { Limit = 100_000 }, http.RequestAborted);
            await audit.WriteAsync(AuditEntry.By(http.User, AuditActions.Export, details: $"{rows.Count} rows; user={query.Actor} action={query.Action} from={query.From} to={query.To}"));
            return Results.File(ToCsv(rows), "text/csv; charset=utf-8", $"audit-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
        }).RequireAuthorization(Policies.ViewReports);

    /// <summary>The filters, or null when one is not acceptable (too long, malformed text, not a date).</summary>
    public static AuditQuery? Parse(string? user, string? action, string? from, string? to)
    {
        foreach (var s in new[] { user, action })
        {
            if (s is not null && (s.Length > 200 || !TextInput.IsClean(s)))
                return null;
        }
        DateOnly? f = null, t = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return null;
            f = d;
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return null;
            t = d;
        }
        return new AuditQuery(user, action, f, t);
    }

    public static byte[] ToCsv(IEnumerable<AuditRecord> rows) => CsvFile.ToBytes(rows.Select(r => new
    {
        r.Id,
        At = r.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z",
        r.Actor,
        r.Action,
        r.Subject,
        r.Ticket,
        r.Details,
        r.Ip,
    }));
}
