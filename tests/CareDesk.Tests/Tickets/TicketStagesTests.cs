using CareDesk.Features.Reports;
using CareDesk.Features.Tickets;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Tickets;

/// <summary>ticket_stages as the ticket commands and the sweeper write it, and as migration 70 recovers it from the history.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TicketStagesTests(PostgresServer postgres)
{
    private sealed record StageRow(long TicketId, int HandOff, string CaseType, string Stage, string Agency, DateTime OpenedAt,
        DateTime StartedAt, DateTime DueAt, DateTime? EscalatedAt, DateTime? EndedAt, string? EndedBy);

    private static async Task<List<StageRow>> StagesAsync(TicketHarness h, long? ticketId = null)
    {
        await using var conn = await h.DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<StageRow>("""
            SELECT ticket_id AS TicketId, hand_off AS HandOff, case_type AS CaseType, stage AS Stage, agency AS Agency,
                   opened_at AS OpenedAt, started_at AS StartedAt, due_at AS DueAt, escalated_at AS EscalatedAt,
                   ended_at AS EndedAt, ended_by AS EndedBy
            FROM ticket_stages WHERE @ticketId::bigint IS NULL OR ticket_id = @ticketId
            ORDER BY ticket_id, hand_off
            """, new { ticketId })).ToList();
    }

    private static Ticket Ok(TicketResult r) => Assert.IsType<TicketResult.Ok>(r).Ticket;

    private static DateTime Utc(DateTimeOffset t) => t.UtcDateTime;

    /// <summary>The stage a ticket is in now, as its row should read while it is open.</summary>
    private static StageRow Current(Ticket t, DateTime? escalatedAt = null, DateTime? endedAt = null, string? endedBy = null) =>
        new(t.Id, t.HandOff, t.CaseType, t.StageCode, t.OwningAgency, Utc(t.OpenedAt), Utc(t.StageStartedAt), Utc(t.StageDue), escalatedAt, endedAt, endedBy);

    [Fact]
    public async Task TicketCommandsAndSweeper_EachPath_KeepTheStageRowsRight()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);

        // Create: the first stage, open.
        var opened = await h.OpenAsync("visa-fee-refund");
        var first = Current(opened);
        Assert.Equal([first], await StagesAsync(h));
        Assert.Equal(("contact-center", "MOF", 1), (first.Stage, first.Agency, first.HandOff));

        // Hand-over to the next stage's agency: the stage ends, the next starts at MOFA.
        h.Time.Now = h.Time.Now.AddHours(2);
        var handed = Ok(await h.Commands.AdvanceAsync(opened.Id, opened.Version, TicketHarness.Liaison("MOF")));
        var second = Current(handed);
        Assert.Equal([first with { EndedAt = Utc(h.Time.Now), EndedBy = TicketEventKind.StageAdvanced }, second], await StagesAsync(h));
        Assert.Equal(("mofa-refund", "MOFA", 2, Utc(h.Time.Now.AddHours(360))), (second.Stage, second.Agency, second.HandOff, second.DueAt));

        // Reroute: the stage ends at MOFA and starts again at NIC.
        h.Time.Now = h.Time.Now.AddHours(1);
        var rerouted = Ok(await h.Commands.RerouteAsync(handed.Id, handed.Version, TicketHarness.Liaison("MOFA"), "NIC", "ليست من اختصاصنا"));
        var third = Current(rerouted);
        Assert.Equal(("mofa-refund", "NIC", 3), (third.Stage, third.Agency, third.HandOff));
        Assert.Equal(second with { EndedAt = Utc(h.Time.Now), EndedBy = TicketEventKind.Rerouted }, (await StagesAsync(h))[1]);

        // Commands that move nothing leave the stages alone.
        var claimed = Ok(await h.Commands.ClaimAsync(rerouted.Id, rerouted.Version, TicketHarness.Liaison("NIC")));
        var noted = Ok(await h.Commands.AddNoteAsync(claimed.Id, claimed.Version, TicketHarness.Liaison("NIC"), "قيد المراجعة"));
        Assert.Equal(third, (await StagesAsync(h))[2]);

        // Resolve ends the stage; reopen starts a fresh one at the same stage and agency.
        h.Time.Now = h.Time.Now.AddHours(3);
        var resolved = Ok(await h.Commands.ResolveAsync(noted.Id, noted.Version, TicketHarness.Liaison("NIC"), null));
        var resolvedAt = Utc(h.Time.Now);
        h.Time.Now = h.Time.Now.AddHours(1);
        var reopened = Ok(await h.Commands.ReopenAsync(resolved.Id, resolved.Version, TicketHarness.Agent, "لم يصل المبلغ"));
        var fourth = Current(reopened);
        Assert.Equal([third with { EndedAt = resolvedAt, EndedBy = TicketEventKind.Resolved }, fourth], (await StagesAsync(h)).Skip(2));
        Assert.Equal(("mofa-refund", "NIC", 4), (fourth.Stage, fourth.Agency, fourth.HandOff));

        // The sweeper escalates the stage it finds past due, once.
        h.Time.Now = fourth.DueAt.AddHours(1);
        Assert.Equal(1, await h.Sweeper().SweepOnceAsync(default));
        var escalatedAt = Utc(h.Time.Now);
        h.Time.Now = h.Time.Now.AddHours(1);
        Assert.Equal(0, await h.Sweeper().SweepOnceAsync(default));
        Assert.Equal(fourth with { EscalatedAt = escalatedAt }, (await StagesAsync(h))[3]);

        Assert.Equal(4, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id AND kind IN ('routed', 'stage-advanced', 'rerouted', 'reopened')", new { opened.Id }));
        Assert.Equal(4, await h.CountAsync("SELECT count(*) FROM ticket_stages"));
    }

    [Fact]
    public async Task Backfill_UpgradedDatabase_SameRowsAndReportNumbersAsLiveWrites()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var from = DateOnly.FromDateTime(h.Time.Now.UtcDateTime.AddDays(-1));
        await ScenarioAsync(h);
        var period = new ReportFilter(from, DateOnly.FromDateTime(h.Time.Now.UtcDateTime.AddDays(1)));
        var reports = new ReportQueries(h.DataSource);
        var live = await StagesAsync(h);
        var liveNumbers = await ReportNumbersAsync(reports, period);

        // As on a database upgraded from before migration 70: no ticket_stages, then the migration runs.
        await using (var conn = await h.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("DROP TABLE ticket_stages");
            await conn.ExecuteAsync("DELETE FROM schema_migrations WHERE name = @Migration", new { TicketStages.Migration });
        }
        Assert.Equal(1, await new CareDesk.Data.MigrationRunner(h.DataSource, NullLogger<CareDesk.Data.MigrationRunner>.Instance).ApplyAsync());

        Assert.Equal(11, live.Count);
        Assert.Equal(live, await StagesAsync(h));
        Assert.Equal(liveNumbers, await ReportNumbersAsync(reports, period));
        Assert.Contains("escalations MOF 1\nescalations NIC 1", liveNumbers);
    }

    /// <summary>
    /// Every path a stage takes: visa-fee-refund handed over, rerouted, resolved, reopened, escalated and
    /// handed over again; balance-inquiry escalated and left open; general-inquiry resolved at once.
    /// </summary>
    private static async Task ScenarioAsync(TicketHarness h)
    {
        var a = await h.OpenAsync("visa-fee-refund");
        await h.OpenAsync("balance-inquiry");
        var c = await h.OpenAsync("general-inquiry");
        h.Time.Now = h.Time.Now.AddHours(2);
        a = Ok(await h.Commands.AdvanceAsync(a.Id, a.Version, TicketHarness.Liaison("MOF")));
        h.Time.Now = h.Time.Now.AddHours(1);
        a = Ok(await h.Commands.RerouteAsync(a.Id, a.Version, TicketHarness.Liaison("MOFA"), "NIC", "ليست من اختصاصنا"));
        c = Ok(await h.Commands.ResolveAsync(c.Id, c.Version, TicketHarness.Liaison("MOF"), null));
        h.Time.Now = h.Time.Now.AddDays(2);
        Assert.Equal(1, await h.Sweeper().SweepOnceAsync(default));
        a = Ok(await h.Commands.ResolveAsync(a.Id, a.Version, TicketHarness.Liaison("NIC"), null));
        h.Time.Now = h.Time.Now.AddHours(1);
        a = Ok(await h.Commands.ReopenAsync(a.Id, a.Version, TicketHarness.Agent, "لم يصل المبلغ"));
        h.Time.Now = h.Time.Now.AddDays(20);
        Assert.Equal(1, await h.Sweeper().SweepOnceAsync(default));
        a = (await h.Store.GetAsync(a.Id, TicketHarness.Supervisor.Scope))!;
        a = Ok(await h.Commands.AdvanceAsync(a.Id, a.Version, TicketHarness.Liaison("NIC")));
        h.Time.Now = h.Time.Now.AddHours(5);
        a = Ok(await h.Commands.ResolveAsync(a.Id, a.Version, TicketHarness.Liaison("MOF"), "تم"));
        // Two more of each, so the percentiles interpolate between several values.
        for (var i = 0; i < 2; i++)
        {
            var d = await h.OpenAsync("balance-refund");
            h.Time.Now = h.Time.Now.AddHours(3 + i * 7);
            d = Ok(await h.Commands.AdvanceAsync(d.Id, d.Version, TicketHarness.Liaison("MOF")));
            h.Time.Now = h.Time.Now.AddHours(1 + i);
            Ok(await h.Commands.ResolveAsync(d.Id, d.Version, TicketHarness.Liaison("MOF"), null));
        }
    }

    private static async Task<string> ReportNumbersAsync(ReportQueries q, ReportFilter f) => string.Join("\n",
        (await q.StageDeadlinesAsync(f)).Select(r => $"deadline {r.Agency} met {r.Met} missed {r.Missed}")
        .Concat((await q.StageTimesAsync(f)).Select(r => $"time {r.Stage} n {r.Count} median {r.MedianHours:F6} p90 {r.P90Hours:F6}"))
        .Concat((await q.StageTimesAsync(f with { Agency = "NIC" })).Select(r => $"time NIC {r.Stage} n {r.Count} median {r.MedianHours:F6}"))
        .Concat((await q.EscalationsAsync(f)).Select(r => $"escalations {r.Agency} {r.Count}"))
        .Concat((await q.StageDeadlinesAsync(f with { CaseType = "visa-fee-refund" })).Select(r => $"deadline visa {r.Agency} met {r.Met} missed {r.Missed}")));

    [Fact]
    public void BackfillSql_ReadFromMigration70_IsItsInsertAlone()
    {
        var sql = TicketStages.BackfillSql;

        Assert.StartsWith("-- Backfill:", sql);
        Assert.Contains("INSERT INTO ticket_stages", sql);
        Assert.EndsWith("ON CONFLICT (ticket_id, hand_off) DO NOTHING;", sql);
        Assert.DoesNotContain("CREATE", sql);
        Assert.DoesNotContain("SET LOCAL", sql);
    }

    [Fact]
    public async Task AdvanceAsync_FailsAfterItsEventAndStageWrites_LeavesBothAsTheyWere()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("visa-fee-refund");
        var before = await StagesAsync(h);
        // The hand-off's outbox row is written after its event and stage rows, in the same transaction.
        await FailAsync(h, "fail_outbox", "BEFORE INSERT ON outbox");

        await Assert.ThrowsAsync<PostgresException>(() => h.Commands.AdvanceAsync(t.Id, t.Version, TicketHarness.Liaison("MOF")));

        Assert.Equal(before, await StagesAsync(h));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE kind = 'stage-advanced'"));
        Assert.Equal(TicketHarness.Snapshot(t), TicketHarness.Snapshot(await h.Store.GetAsync(t.Id, TicketHarness.Supervisor.Scope)));
    }

    [Fact]
    public async Task ResolveAsync_StageWriteFails_NoEventWithoutItsStage()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("general-inquiry");
        // The event is written first; then ending the stage (an upsert: an update of the open row) fails.
        await FailAsync(h, "fail_stage_end", "BEFORE UPDATE ON ticket_stages");

        await Assert.ThrowsAsync<PostgresException>(() => h.Commands.ResolveAsync(t.Id, t.Version, TicketHarness.Liaison("MOF"), null));

        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE kind = 'resolved'"));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_stages WHERE ended_at IS NULL"));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_callbacks"));
    }

    [Fact]
    public async Task OpenAsync_FailsBeforeCommit_LeavesNoStageRow()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Commands.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Agent,
            (_, _, _, _) => throw new InvalidOperationException("the idempotency key write failed"), default));

        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_stages"));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_events"));
    }

    [Fact]
    public async Task SweepOnceAsync_FailsAfterItsEvent_LeavesTheStageUnescalated()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        await h.OpenAsync("balance-inquiry");
        h.Time.Now = h.Time.Now.AddDays(3);
        await FailAsync(h, "fail_outbox", "BEFORE INSERT ON outbox");

        await Assert.ThrowsAsync<PostgresException>(() => h.Sweeper().SweepOnceAsync(default));

        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE kind = 'escalated'"));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_stages WHERE escalated_at IS NOT NULL"));
    }

    /// <summary>Makes the database fail every write <paramref name="when"/> (a trigger), as a crash at that point would.</summary>
    private static async Task FailAsync(TicketHarness h, string name, string when)
    {
        await using var conn = await h.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync($"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'crash before commit'; END $$;
            CREATE TRIGGER {name} {when} FOR EACH ROW EXECUTE FUNCTION {name}();
            """);
    }
}
