using System.Globalization;
using CareDesk.Features.Accounts;
using CareDesk.Features.Audit;
using CareDesk.Features.Knowledge.Gaps;
using CareDesk.Hosting;

namespace CareDesk.Features.Reports;

public static class ReportsRegistration
{
    /// <summary>The report queries behind <c>/reports</c> (the content gaps come from the knowledge feature).</summary>
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReportQueries>();
        return builder;
    }

    /// <summary>
    /// <c>/reports/{name}.csv?from=&amp;to=&amp;agency=&amp;case_type=</c>: each table of the dashboard,
    /// streamed as CSV (UTF-8 with a BOM), for supervisors and admins; every export is audited.
    /// </summary>
    public static WebApplication MapReports(this WebApplication app)
    {
        Csv(app, "daily-inquiries", async (q, _, f, ct) => (await q.DailyInquiriesAsync(f, ct))
            .Select(r => new { day = Date(r.Day), searches = r.Searches, first_contact_resolutions = r.Resolutions, tickets = r.Tickets }));
        Csv(app, "daily-tickets", async (q, _, f, ct) => (await q.DailyTicketsAsync(f, ct))
            .Select(r => new { day = Date(r.Day), case_type = r.CaseType, tickets = r.Tickets }));
        Csv(app, "first-contact", async (q, _, f, ct) => new[] { await q.FirstContactAsync(f, ct) }
            .Select(r => new { first_contact_resolutions = r.Resolutions, tickets = r.Tickets, rate = r.Rate?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "" }));
        Csv(app, "open-tickets", async (q, _, f, ct) => (await q.OpenTicketsAsync(f, ct))
            .Select(r => new { agency = r.Agency, stage = r.Stage, tickets = r.Tickets }));
        Csv(app, "stage-deadlines", async (q, _, f, ct) => (await q.StageDeadlinesAsync(f, ct))
            .Select(r => new { agency = r.Agency, met = r.Met, missed = r.Missed }));
        Csv(app, "stage-times", async (q, _, f, ct) => (await q.StageTimesAsync(f, ct))
            .Select(r => new { stage = r.Stage, count = r.Count, median_hours = Hours(r.MedianHours), p90_hours = Hours(r.P90Hours) }));
        Csv(app, "escalations", async (q, _, f, ct) => (await q.EscalationsAsync(f, ct))
            .Select(r => new { agency = r.Agency, escalations = r.Count }));
        Csv(app, "most-used", async (_, g, f, ct) => (await g.ReportAsync(f.FromUtc, f.ToUtc, ct: ct)).MostUsed
            .Select(r => new { article = r.ArticleId, title_ar = r.TitleAr, opened = r.Opened, not_helpful = r.NotHelpful }));
        Csv(app, "content-gaps", async (_, g, f, ct) => new[] { await g.ReportAsync(f.FromUtc, f.ToUtc, ct: ct) }
            .SelectMany(r => r.NoResults.Select(x => new { kind = "no-results", query = x.Query, count = x.Count })
                .Concat(r.NothingOpened.Select(x => new { kind = "nothing-opened", query = x.Query, count = x.Count }))));
        Csv(app, "feedback", async (_, g, f, ct) => (await g.ReportAsync(f.FromUtc, f.ToUtc, ct: ct)).NotHelpful
            .Select(r => new { at = r.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), article = r.ArticleId, revision = r.Revision, title_ar = r.TitleAr, comment = r.Comment, user = r.UserName }));
        return app;
    }

    /// <summary>The names of the CSV exports, as in <c>/reports/{name}.csv</c>.</summary>
    public static readonly IReadOnlyList<string> CsvNames =
        ["daily-inquiries", "daily-tickets", "first-contact", "open-tickets", "stage-deadlines", "stage-times", "escalations", "most-used", "content-gaps", "feedback"];

    /// <summary>The filter from the query string, or null when a value is not acceptable; the default period is the last 30 days.</summary>
    public static ReportFilter? Parse(string? from, string? to, string? agency, string? caseType, DateOnly today)
    {
        foreach (var s in new[] { agency, caseType })
        {
            if (s is not null && (s.Length > 100 || !TextInput.IsClean(s)))
                return null;
        }
        if (!Date(from, today.AddDays(-29), out var f) || !Date(to, today, out var t) || t < f || t.DayNumber - f.DayNumber > 3660)
            return null;
        return new ReportFilter(f, t, string.IsNullOrWhiteSpace(agency) ? null : agency.Trim(), string.IsNullOrWhiteSpace(caseType) ? null : caseType.Trim());
    }

    private static bool Date(string? text, DateOnly fallback, out DateOnly value)
    {
        value = fallback;
        return string.IsNullOrWhiteSpace(text) || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static string Date(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Hours(double hours) => hours.ToString("0.00", CultureInfo.InvariantCulture);

    private static void Csv<T>(WebApplication app, string name, Func<ReportQueries, ContentGaps, ReportFilter, CancellationToken, Task<IEnumerable<T>>> rows) =>
        app.MapGet($"/reports/{name}.csv", async (HttpContext http, ReportQueries queries, ContentGaps gaps, IAuditLog audit, TimeProvider clock,
            string? from, string? to, string? agency, string? case_type) =>
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(3));
            if (Parse(from, to, agency, case_type, today) is not { } filter)
                return Results.BadRequest(new { error = "filter", message = "from/to as yyyy-MM-dd (from ≤ to), agency/case_type plain text (≤ 100) / قيم التصفية غير صالحة" });
            var data = (await rows(queries, gaps, filter, http.RequestAborted)).ToList();
            await audit.WriteAsync(AuditEntry.By(http.User, AuditActions.Export, subject: "reports/" + name,
                details: $"{data.Count} rows; from={filter.From:yyyy-MM-dd} to={filter.To:yyyy-MM-dd} agency={filter.Agency} case_type={filter.CaseType}"), http.RequestAborted);
            return CsvFile.Download(data, $"{name}-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.csv");
        }).RequireAuthorization(Policies.ViewReports);
}
