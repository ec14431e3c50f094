using Dapper;
using Npgsql;

namespace CareDesk.Features.Reports;

/// <summary>
/// The supervisor report numbers, straight from SQL over tickets, ticket_stages, search_log and
/// call_resolutions. Days are Riyadh calendar days (UTC+3). A stage (a ticket_stages row, written with
/// the ticket's events) runs from the event that routed the ticket into it (routed, stage-advanced,
/// rerouted, reopened) to the next hand-off, reroute or resolution, against the due time computed when
/// it began; it counts in the period in which it ended.
/// </summary>
public sealed class ReportQueries(NpgsqlDataSource dataSource)
{
    private const string LocalDay = "((({0}) AT TIME ZONE 'UTC') + interval '3 hours')::date";

    private static string Day(string column) => string.Format(System.Globalization.CultureInfo.InvariantCulture, LocalDay, column);

    private static object Args(ReportFilter f) => new
    {
        from = f.FromUtc,
        to = f.ToUtc,
        fromDay = f.From.ToDateTime(TimeOnly.MinValue),
        toDay = f.To.ToDateTime(TimeOnly.MinValue),
        agency = string.IsNullOrWhiteSpace(f.Agency) ? null : f.Agency,
        caseType = string.IsNullOrWhiteSpace(f.CaseType) ? null : f.CaseType,
    };

    private const string TicketFilter = "(@agency::text IS NULL OR t.owning_agency = @agency) AND (@caseType::text IS NULL OR t.case_type = @caseType)";

    /// <summary>Per day: searches and first-contact resolutions (all agencies and case types) and tickets opened (filtered).</summary>
    public Task<IReadOnlyList<DailyInquiries>> DailyInquiriesAsync(ReportFilter f, CancellationToken ct = default) => QueryAsync<DailyInquiries>($"""
        WITH days AS (SELECT d::date AS day FROM generate_series(@fromDay::date, @toDay::date, interval '1 day') d),
        s AS (SELECT {Day("at")} AS day, count(*) AS n FROM search_log WHERE at >= @from AND at < @to GROUP BY 1),
        r AS (SELECT {Day("at")} AS day, count(*) AS n FROM call_resolutions WHERE at >= @from AND at < @to GROUP BY 1),
        t AS (SELECT {Day("t.opened_at")} AS day, count(*) AS n FROM tickets t
              WHERE t.opened_at >= @from AND t.opened_at < @to AND {TicketFilter} GROUP BY 1)
        SELECT days.day::timestamp AS Day, coalesce(s.n, 0) AS Searches, coalesce(r.n, 0) AS Resolutions, coalesce(t.n, 0) AS Tickets
        FROM days LEFT JOIN s USING (day) LEFT JOIN r USING (day) LEFT JOIN t USING (day)
        ORDER BY days.day
        """, f, ct);

    /// <summary>Tickets opened per day and case type (days with none are left out).</summary>
    public Task<IReadOnlyList<DailyTickets>> DailyTicketsAsync(ReportFilter f, CancellationToken ct = default) => QueryAsync<DailyTickets>($"""
        SELECT {Day("t.opened_at")}::timestamp AS Day, t.case_type AS CaseType, count(*) AS Tickets
        FROM tickets t
        WHERE t.opened_at >= @from AND t.opened_at < @to AND {TicketFilter}
        GROUP BY 1, 2
        ORDER BY 1, 2
        """, f, ct);

    /// <summary>Calls closed with an article and no ticket, against tickets opened, in the period (filters do not apply: a resolution has no agency or case type).</summary>
    public async Task<FirstContact> FirstContactAsync(ReportFilter f, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<FirstContact>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM call_resolutions WHERE at >= @from AND at < @to) AS Resolutions,
                   (SELECT count(*) FROM tickets WHERE opened_at >= @from AND opened_at < @to) AS Tickets
            """, Args(f), cancellationToken: ct));
    }

    /// <summary>Unresolved tickets by owning agency and stage, now (the period does not apply).</summary>
    public Task<IReadOnlyList<OpenTickets>> OpenTicketsAsync(ReportFilter f, CancellationToken ct = default) => QueryAsync<OpenTickets>($"""
        SELECT t.owning_agency AS Agency, t.stage_code AS Stage, count(*) AS Tickets
        FROM tickets t
        WHERE t.status <> 'resolved' AND {TicketFilter}
        GROUP BY 1, 2
        ORDER BY 1, 2
        """, f, ct);

    /// <summary>The stages (ticket_stages rows) that ended in the period, for the agency and case type filters.</summary>
    private const string EndedStages = """
        ticket_stages s
        WHERE s.ended_at >= @from AND s.ended_at < @to
          AND (@agency::text IS NULL OR s.agency = @agency) AND (@caseType::text IS NULL OR s.case_type = @caseType)
        """;

    /// <summary>Per agency, stages that ended in the period by their due time (met) or after it (missed).</summary>
    public Task<IReadOnlyList<StageDeadlines>> StageDeadlinesAsync(ReportFilter f, CancellationToken ct = default) => QueryAsync<StageDeadlines>($"""
        SELECT s.agency AS Agency, count(*) FILTER (WHERE s.ended_at <= s.due_at) AS Met, count(*) FILTER (WHERE s.ended_at > s.due_at) AS Missed
        FROM {EndedStages}
        GROUP BY s.agency
        ORDER BY s.agency
        """, f, ct);

    /// <summary>Median and 90th percentile hours per stage (stages that ended in the period) and end to end (resolutions in the period, from opening).</summary>
    public Task<IReadOnlyList<StageTime>> StageTimesAsync(ReportFilter f, CancellationToken ct = default) => QueryAsync<StageTime>($"""
        SELECT * FROM (
            SELECT s.stage AS Stage, count(*) AS Count,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.ended_at - s.started_at)) / 3600 AS MedianHours,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.ended_at - s.started_at)) / 3600 AS P90Hours
            FROM {EndedStages}
            GROUP BY s.stage
            ORDER BY s.stage) per_stage
        UNION ALL
        SELECT '{StageTime.EndToEnd}', count(*),
               coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.ended_at - s.opened_at)) / 3600, 0),
               coalesce(percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.ended_at - s.opened_at)) / 3600, 0)
        FROM {EndedStages}
          AND s.ended_by = 'resolved'
        """, f, ct);

    /// <summary>Escalations in the period, by the agency that held the stage when it escalated (at most one per stage).</summary>
    public Task<IReadOnlyList<Escalations>> EscalationsAsync(ReportFilter f, CancellationToken ct = default) => QueryAsync<Escalations>("""
        SELECT s.agency AS Agency, count(*) AS Count
        FROM ticket_stages s
        WHERE s.escalated_at >= @from AND s.escalated_at < @to
          AND (@agency::text IS NULL OR s.agency = @agency) AND (@caseType::text IS NULL OR s.case_type = @caseType)
        GROUP BY s.agency
        ORDER BY s.agency
        """, f, ct);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, ReportFilter f, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<T>(new CommandDefinition(sql, Args(f), cancellationToken: ct))).ToList();
    }
}
