using System.Runtime.CompilerServices;
using CareDesk.Features.Audit;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Features.Reports;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;
using Npgsql;
using static CareDesk.Tests.Knowledge.KnowledgeFixtures;
using static CareDesk.Tests.Reports.ReportDataSet;

namespace CareDesk.Tests.Reports;

[Collection(PostgresCollection.Name)]
public sealed class ReportQueriesTests(PostgresServer postgres)
{
    private static readonly ReportFilter Period = new(From, To);

    // The tests only read, so they share one seeded database per server (one migration, not nine).
    private static readonly ConditionalWeakTable<PostgresServer, Task<ReportQueries>> Seeded = new();

    private Task<ReportQueries> SeededAsync() => Seeded.GetValue(postgres, SeedAsync);

    private static async Task<ReportQueries> SeedAsync(PostgresServer postgres)
    {
        var ds = await postgres.CreateMigratedDatabaseAsync("reports");
        var article = Article();
        await PublishNewAsync(new ArticleWorkflow(ds, new AuditLog(ds)), article);
        await using var conn = await ds.OpenConnectionAsync();
        await InsertAsync(conn, "");
        foreach (var at in new[] { Day, Day.AddHours(14.5), Day.AddHours(20), Day.AddDays(10) })
            await conn.ExecuteAsync("INSERT INTO call_resolutions (at, article_id, revision) VALUES (@at, @Id, 1)", new { at, article.Id });
        foreach (var at in new[] { Day, Day.AddHours(1), Day.AddDays(2), Day.AddDays(-3) })
            await conn.ExecuteAsync("INSERT INTO search_log (at, query, hit_count) VALUES (@at, 'رسوم', 1)", new { at });
        return new ReportQueries(ds);
    }

    [Fact]
    public async Task DailyInquiriesAsync_Period_CountsPerRiyadhDay()
    {
        var q = await SeededAsync();

        var days = await q.DailyInquiriesAsync(Period);

        Assert.Equal(
            [(new DateTime(2026, 11, 10), 2L, 1L, 3L), (new DateTime(2026, 11, 11), 0L, 2L, 1L), (new DateTime(2026, 11, 12), 1L, 0L, 0L)],
            days.Select(d => (d.Day, d.Searches, d.Resolutions, d.Tickets)));
    }

    [Fact]
    public async Task DailyTicketsAsync_CaseTypeFilter_CountsThatTypeOnly()
    {
        var q = await SeededAsync();

        var all = await q.DailyTicketsAsync(Period);
        var visa = await q.DailyTicketsAsync(Period with { CaseType = "visa" });

        Assert.Equal([(new DateTime(2026, 11, 10), "refund", 2L), (new DateTime(2026, 11, 10), "visa", 1L), (new DateTime(2026, 11, 11), "visa", 1L)],
            all.Select(d => (d.Day, d.CaseType, d.Tickets)));
        Assert.Equal([(new DateTime(2026, 11, 10), "visa", 1L), (new DateTime(2026, 11, 11), "visa", 1L)],
            visa.Select(d => (d.Day, d.CaseType, d.Tickets)));
    }

    [Fact]
    public async Task FirstContactAsync_Period_ResolutionsOverResolutionsAndTickets()
    {
        var q = await SeededAsync();

        var fcr = await q.FirstContactAsync(Period);

        Assert.Equal(3, fcr.Resolutions);
        Assert.Equal(4, fcr.Tickets);
        Assert.Equal(3.0 / 7, fcr.Rate!.Value, 10);
    }

    [Fact]
    public async Task OpenTicketsAsync_AgencyFilter_UnresolvedByAgencyAndStage()
    {
        var q = await SeededAsync();

        Assert.Equal([("GOSI", "review", 1L), ("MOF", "intake", 1L), ("ZATCA", "intake", 1L)],
            (await q.OpenTicketsAsync(Period)).Select(r => (r.Agency, r.Stage, r.Tickets)));
        Assert.Equal([("MOF", "intake", 1L)],
            (await q.OpenTicketsAsync(Period with { Agency = "MOF" })).Select(r => (r.Agency, r.Stage, r.Tickets)));
    }

    [Fact]
    public async Task StageDeadlinesAsync_Period_MetAndMissedPerAgency()
    {
        var q = await SeededAsync();

        Assert.Equal([("GOSI", 0L, 1L), ("MOF", 2L, 1L)],
            (await q.StageDeadlinesAsync(Period)).Select(r => (r.Agency, r.Met, r.Missed)));
        Assert.Equal([("MOF", 1L, 0L)],
            (await q.StageDeadlinesAsync(Period with { CaseType = "visa" })).Select(r => (r.Agency, r.Met, r.Missed)));
        Assert.Empty(await q.StageDeadlinesAsync(new ReportFilter(From.AddDays(-30), From.AddDays(-1))));
    }

    [Fact]
    public async Task StageTimesAsync_Period_MedianAndP90PerStageAndEndToEnd()
    {
        var q = await SeededAsync();

        var times = await q.StageTimesAsync(Period);

        // intake: 4, 20, 30 h; review: 30 h; end to end: 6-2 = 4 h and 50 h.
        Assert.Equal(["intake", "review", StageTime.EndToEnd], times.Select(t => t.Stage));
        Assert.Equal([3L, 1L, 2L], times.Select(t => t.Count));
        Assert.Equal([20.0, 30.0, 27.0], times.Select(t => Math.Round(t.MedianHours, 6)));
        Assert.Equal([28.0, 30.0, 45.4], times.Select(t => Math.Round(t.P90Hours, 6)));
    }

    [Fact]
    public async Task StageTimesAsync_AgencyFilter_ThatAgencysStagesAndResolutions()
    {
        var q = await SeededAsync();

        var times = await q.StageTimesAsync(Period with { Agency = "GOSI" });

        Assert.Equal([("review", 1L, 30.0), (StageTime.EndToEnd, 1L, 50.0)], times.Select(t => (t.Stage, t.Count, Math.Round(t.MedianHours, 6))));
    }

    [Fact]
    public async Task EscalationsAsync_Period_PerOwningAgency()
    {
        var q = await SeededAsync();

        Assert.Equal([("GOSI", 1L), ("MOF", 1L)], (await q.EscalationsAsync(Period)).Select(r => (r.Agency, r.Count)));
        Assert.Equal([("MOF", 1L)], (await q.EscalationsAsync(Period with { CaseType = "refund", Agency = "MOF" })).Select(r => (r.Agency, r.Count)));
    }

    [Fact]
    public void Parse_BadOrReversedDates_Null()
    {
        var today = new DateOnly(2026, 11, 22);

        Assert.Equal(new ReportFilter(new DateOnly(2026, 10, 24), today), ReportsRegistration.Parse(null, null, null, null, today));
        Assert.Null(ReportsRegistration.Parse("2026-11-10", "2026-11-01", null, null, today));
        Assert.Null(ReportsRegistration.Parse("10/11/2026", null, null, null, today));
        Assert.Null(ReportsRegistration.Parse(null, null, new string('x', 101), null, today));
    }
}
