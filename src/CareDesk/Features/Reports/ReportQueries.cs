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
    /// <remarks>
    /// The stage codes come from a skip scan of ticket_stages_stage_ended, and each stage's percentiles
    /// from its own range of that index: grouping a year of stages by code would sort them all first.
    /// date_part keeps the durations float8 (extract gives numeric, which sorts several times slower).
    /// </remarks>
    public Task<IReadOnlyList<StageTime>> StageTimesAsync(ReportFilter f, CancellationToken ct = default) => QueryAsync<StageTime>($"""
        WITH RECURSIVE codes AS (
            (SELECT stage FROM ticket_stages WHERE ended_at IS NOT NULL ORDER BY stage LIMIT 1)
            UNION ALL
            SELECT (SELECT s.stage FROM ticket_stages s WHERE s.ended_at IS NOT NULL AND s.stage > codes.stage ORDER BY s.stage LIMIT 1)
            FROM codes WHERE codes.stage IS NOT NULL),
        per_stage AS (
            SELECT c.stage, x.n, x.p
            FROM codes c CROSS JOIN LATERAL (
                SELECT count(*) AS n, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY date_part('epoch', s.ended_at - s.started_at)) AS p
                FROM {EndedStages}
                  AND s.stage = c.stage) x
            WHERE c.stage IS NOT NULL AND x.n > 0),
        end_to_end AS (
            SELECT count(*) AS n, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY date_part('epoch', s.ended_at - s.opened_at)) AS p
            FROM {EndedStages}
              AND s.ended_by = 'resolved')
        SELECT Stage, Count, MedianHours, P90Hours FROM (
            SELECT 0 AS part, stage AS Stage, n AS Count, p[1] / 3600 AS MedianHours, p[2] / 3600 AS P90Hours FROM per_stage
            UNION ALL
            SELECT 1, '{StageTime.EndToEnd}', n, coalesce(p[1] / 3600, 0), coalesce(p[2] / 3600, 0) FROM end_to_end) r
        ORDER BY part, Stage
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

    // JIT compilation costs these one-off aggregates more than it saves (a few hundred ms each at a
    // million tickets), and a year of stage durations sorts in memory for the percentiles.
    private const string Settings = "SET LOCAL jit = off; SET LOCAL work_mem = '64MB'";

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, ReportFilter f, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Settings, transaction: tx, cancellationToken: ct));
        var rows = (await conn.QueryAsync<T>(new CommandDefinition(sql, Args(f), tx, cancellationToken: ct))).ToList();
        await tx.CommitAsync(ct);
        return rows;
    }
}
