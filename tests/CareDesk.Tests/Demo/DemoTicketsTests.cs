using CareDesk.Features.Reference;
using CareDesk.Data;
using CareDesk.Features.Accounts;
using CareDesk.Features.Demo;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Knowledge.Gaps;
using CareDesk.Features.Reports;
using CareDesk.Features.Search;
using CareDesk.Features.Tickets;
using CareDesk.Features.Tickets.Background;
using CareDesk.Features.Tickets.Live;
using CareDesk.Knowledge.Calendar;
using CareDesk.Tests.Data;
using CareDesk.Tests.Tickets;
using CareDesk.Testing;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Demo;

/// <summary>The demo month written at start-up: through the real ticket commands, once, and only into a database without tickets.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DemoTicketsTests(PostgresServer postgres)
{
    /// <summary>Thursday 19 November 2026, 12:00 Riyadh: the demo month before it holds no holiday.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 19, 12, 0, 0, SaudiWorkingCalendar.RiyadhOffset);

    private static readonly string[] Inboxes = ["MOF", "PASSPORTS", "NIC", "MOFA"];

    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static (string ConnectionString, DemoTicketsSummary Summary, IReadOnlyList<string> Banner)? _shared;

    /// <summary>A migrated database with the FAQ imported; the demo has not run.</summary>
    private async Task<string> DatabaseAsync(string prefix)
    {
        var cs = await postgres.CreateDatabaseAsync(prefix);
        await using var ds = NpgsqlDataSource.Create(cs);
        await new MigrationRunner(ds, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        await new ContentImport(ds, new DatabaseOptions(), Content, NullLogger<ContentImport>.Instance).RunAsync(default);
        return cs;
    }

    private static readonly ContentOptions Content = new()
    {
        FaqDirectory = Path.Combine(TestPaths.RepoRoot, "content", "faq"),
        SeedsDirectory = Path.Combine(TestPaths.RepoRoot, "seeds"),
    };

    /// <summary>The demo step as one app node builds it, on its own data source and search index.</summary>
    private static async Task<DemoTickets> NodeAsync(NpgsqlDataSource ds, DateTimeOffset now, bool on = true)
    {
        var search = new KnowledgeSearch(new ArticleStore(ds), ds, NullLogger<KnowledgeSearch>.Instance);
        await search.RebuildAsync();
        var router = new JourneyRouter(ReferenceSnapshot.Fixed(TicketHarness.Reference));
        return new DemoTickets(new DemoOptions { Tickets = on }, ds, router, search, new TicketOptions(), new DisabledEmailSender(),
            new TicketSignals(ds, NullLogger<TicketSignals>.Instance), Content, new ManualTime(now), NullLoggerFactory.Instance);
    }

    /// <summary>One database with the demo written at <see cref="Now"/>, shared by the tests that only read it.</summary>
    private async Task<(string ConnectionString, DemoTicketsSummary Summary, IReadOnlyList<string> Banner)> SharedAsync()
    {
        await SharedLock.WaitAsync();
        try
        {
            if (_shared is { } done)
                return done;
            var cs = await DatabaseAsync("demo");
            await using var ds = NpgsqlDataSource.Create(cs);
            var node = await NodeAsync(ds, Now);
            await node.RunAsync(default);
            _shared = (cs, node.Summary!, node.Lines().ToList());
            return _shared.Value;
        }
        finally
        {
            SharedLock.Release();
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection conn, string sql, object? args = null) => await conn.ExecuteScalarAsync<long>(sql, args);

    [Fact]
    public async Task RunAsync_EmptyDatabase_TicketsEventsAndStagesAgree()
    {
        var (cs, summary, banner) = await SharedAsync();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();

        var written = summary.Written!;
        Assert.InRange(written.Tickets, 40, 80);
        Assert.Equal(0, written.StepsSkipped);
        Assert.Equal(written.Tickets, await CountAsync(conn, "SELECT count(*) FROM tickets"));
        Assert.Equal(TicketHarness.Reference.CaseTypes.CaseTypes.Select(c => c.Code).Order(),
            await conn.QueryAsync<string>("SELECT DISTINCT case_type FROM tickets ORDER BY 1"));
        Assert.Equal(Inboxes.Order(), await conn.QueryAsync<string>("SELECT DISTINCT agency FROM ticket_stages ORDER BY 1"));

        // All of it happened in the last 28 days, in order: each ticket's events carry its versions up to the ticket's own.
        Assert.Equal(0, await CountAsync(conn, "SELECT count(*) FROM ticket_events WHERE at > @Now OR at < @From",
            new { Now = Now.UtcDateTime, From = Now.AddDays(-29).UtcDateTime }));
        Assert.Equal(0, await CountAsync(conn, """
            SELECT count(*) FROM tickets t
            WHERE t.version <> (SELECT max(e.version) FROM ticket_events e WHERE e.ticket_id = t.id)
               OR t.updated_at <> (SELECT max(e.at) FROM ticket_events e WHERE e.ticket_id = t.id)
            """));

        // The stage rows written live are exactly what migration 70 recovers from the history.
        var live = (await conn.QueryAsync("SELECT * FROM ticket_stages ORDER BY ticket_id, hand_off")).Select(r => string.Join("|", (IDictionary<string, object>)r)).ToList();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await conn.ExecuteAsync("DELETE FROM ticket_stages", transaction: tx);
            await conn.ExecuteAsync(TicketStages.BackfillSql, transaction: tx);
            var recovered = (await conn.QueryAsync("SELECT * FROM ticket_stages ORDER BY ticket_id, hand_off", transaction: tx))
                .Select(r => string.Join("|", (IDictionary<string, object>)r)).ToList();
            await tx.RollbackAsync();
            Assert.Equal(live, recovered);
        }
        // Each ticket's current stage is its row at the ticket's hand-off, open unless the ticket is resolved.
        Assert.Equal(written.Tickets, await CountAsync(conn, """
            SELECT count(*) FROM tickets t JOIN ticket_stages s ON s.ticket_id = t.id AND s.hand_off = t.hand_off
            WHERE s.stage = t.stage_code AND s.agency = t.owning_agency AND s.started_at = t.stage_started_at AND s.due_at = t.stage_due
              AND coalesce(s.ended_by, 'open') = CASE WHEN t.status = 'resolved' THEN 'resolved' ELSE 'open' END
            """));
        Assert.Equal(await CountAsync(conn, "SELECT count(*) FROM ticket_events WHERE kind = 'escalated'"),
            await CountAsync(conn, "SELECT count(*) FROM ticket_stages WHERE escalated_at IS NOT NULL"));
        // Nothing past due at the end was left unescalated: the sweep ran at every deadline.
        Assert.Equal(0, await CountAsync(conn, "SELECT count(*) FROM tickets WHERE status <> 'resolved' AND stage_due < @Now AND escalated_hand_off IS DISTINCT FROM hand_off",
            new { Now = Now.UtcDateTime }));

        // The journeys the demo is for.
        foreach (var kind in new[] { "stage-advanced", "rerouted", "escalated", "resolved", "reopened", "info-requested", "reply", "verification-added" })
            Assert.True(await CountAsync(conn, "SELECT count(*) FROM ticket_events WHERE kind = @kind", new { kind }) > 0, kind);
        Assert.True(await CountAsync(conn, "SELECT count(*) FROM ticket_stages WHERE ended_by IS NOT NULL AND ended_at > due_at") > 0, "a stage ended late");

        // The outbox was delivered as it went: every in-app message is a notification dated when it was queued.
        Assert.Equal(0, await CountAsync(conn, "SELECT count(*) FROM outbox WHERE dispatched_at IS NULL"));
        Assert.Equal(await CountAsync(conn, "SELECT count(*) FROM outbox WHERE channel = 'in-app'"),
            await CountAsync(conn, "SELECT count(*) FROM notifications n JOIN outbox o ON o.id = n.outbox_id WHERE n.created_at = o.created_at"));

        Assert.Single(banner);
        Assert.StartsWith($"Demo tickets: {written.Tickets} ", banner[0]);
        foreach (var agency in Inboxes)
            Assert.Contains(agency + " ", banner[0]);
    }

    [Fact]
    public async Task RunAsync_EmptyDatabase_EveryInboxHasOpenWork()
    {
        var (cs, summary, _) = await SharedAsync();
        await using var ds = NpgsqlDataSource.Create(cs);
        var store = new TicketStore(ds);

        foreach (var agency in Inboxes)
        {
            var inbox = await store.InboxAsync(TicketScope.For(Roles.Liaison, agency));
            Assert.True(inbox.Count > 0, agency);
            Assert.Equal(inbox.Count, summary.OpenByAgency.Single(a => a.Agency == agency).Open);
        }
        var open = await store.InboxAsync(TicketScope.For(Roles.Supervisor, null));
        Assert.Contains(open, t => t.Status == TicketStatus.Claimed);
        Assert.Contains(open, t => t.Status == TicketStatus.AwaitingInfo);
        Assert.Contains(open, t => t.IsEscalated);
        Assert.Contains(open, t => t.Status == TicketStatus.Open && t.HandOff > 1);
        Assert.NotEmpty(await store.OpenedByAsync("agent.demo", TicketScope.For(Roles.Agent, "MOF")));
        Assert.NotEmpty(await store.CallbacksAsync("agent.demo"));
    }

    [Fact]
    public async Task RunAsync_EmptyDatabase_OnlyTheLastDaysNoticesAreUnread()
    {
        var (cs, _, _) = await SharedAsync();
        await using var ds = NpgsqlDataSource.Create(cs);
        var store = new NotificationStore(ds);
        var liaison = new TicketActor("liaison.mof.demo", "ضابط", Roles.Liaison, "MOF");

        var list = await store.ListAsync(liaison, 200);

        Assert.NotEmpty(list.Items);
        Assert.InRange(list.Unread, 1, list.Items.Count - 1);
        Assert.All(list.Items, n => Assert.Equal(n.CreatedAt >= Now.AddDays(-2), list.IsUnread(n)));
    }

    [Fact]
    public async Task Reports_DefaultPeriod_EverySectionHasNumbers()
    {
        var (cs, _, _) = await SharedAsync();
        await using var ds = NpgsqlDataSource.Create(cs);
        var reports = new ReportQueries(ds);
        // The reports page's default: the last 30 days, today included.
        var today = DateOnly.FromDateTime(SaudiWorkingCalendar.ToRiyadh(Now).DateTime);
        var period = new ReportFilter(today.AddDays(-29), today);

        var daily = await reports.DailyInquiriesAsync(period);
        Assert.True(daily.Sum(d => d.Searches) > 0 && daily.Sum(d => d.Resolutions) > 0 && daily.Sum(d => d.Tickets) > 0);
        Assert.True(daily.Count(d => d.Tickets > 0) >= 15, "tickets spread over the month");
        Assert.NotEmpty(await reports.DailyTicketsAsync(period));
        var first = await reports.FirstContactAsync(period);
        Assert.InRange(first.Rate!.Value, 0.3, 0.9);
        Assert.Equal(Inboxes.Order(), (await reports.OpenTicketsAsync(period)).Select(o => o.Agency).Distinct().Order());
        var deadlines = await reports.StageDeadlinesAsync(period);
        Assert.True(deadlines.Sum(d => d.Met) > 0 && deadlines.Sum(d => d.Missed) > 0);
        var times = await reports.StageTimesAsync(period);
        Assert.Contains(times, t => t.Stage == StageTime.EndToEnd && t.Count > 0 && t.MedianHours > 0);
        Assert.True(times.Count(t => t.Stage != StageTime.EndToEnd) >= 5);
        Assert.True((await reports.EscalationsAsync(period)).Sum(e => e.Count) > 0);

        var gaps = await new ContentGaps(ds).ReportAsync(period.FromUtc, period.ToUtc);
        Assert.NotEmpty(gaps.NoResults);
        Assert.NotEmpty(gaps.NothingOpened);
        Assert.NotEmpty(gaps.NotHelpful);
        Assert.NotEmpty(gaps.MostUsed);
    }

    /// <summary>Start-up moments around holidays and weekends: every story still plays through, and every inbox has work.</summary>
    [Theory]
    [InlineData("2026-03-26T21:30:00+03:00")] // just after Eid al-Fitr
    [InlineData("2027-05-22T07:00:00+03:00")] // a Saturday morning after Eid al-Adha
    [InlineData("2026-09-24T09:00:00+03:00")] // the day after the National Day
    public async Task RunAsync_AnyStartMoment_NoStepRefusedAndEveryInboxHasWork(string now)
    {
        await using var ds = NpgsqlDataSource.Create(await DatabaseAsync("demoday"));
        var node = await NodeAsync(ds, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        await node.RunAsync(default);

        Assert.Equal(0, node.Summary!.Written!.StepsSkipped);
        Assert.All(node.Summary.OpenByAgency, a => Assert.True(a.Open > 0, a.Agency));
    }

    [Fact]
    public async Task RunAsync_TwoNodesAtOnceThenAgain_WritesTheSetOnce()
    {
        var cs = await DatabaseAsync("demo2");
        await using var ds1 = NpgsqlDataSource.Create(cs);
        await using var ds2 = NpgsqlDataSource.Create(cs);
        var nodes = new[] { await NodeAsync(ds1, Now), await NodeAsync(ds2, Now) };

        await Task.WhenAll(nodes.Select(n => n.RunAsync(default)));
        var again = await NodeAsync(ds1, Now.AddHours(1));
        await again.RunAsync(default);

        var (shared, summary, _) = await SharedAsync();
        await using var conn = await ds1.OpenConnectionAsync();
        Assert.Single(nodes, n => n.Summary!.Written is not null);
        Assert.Null(again.Summary!.Written);
        Assert.Equal(summary.Written!.Tickets, await CountAsync(conn, "SELECT count(*) FROM tickets"));
        Assert.Equal(summary.Written.Searches, await CountAsync(conn, "SELECT count(*) FROM search_log"));
        Assert.Equal(summary.Written.Resolutions, await CountAsync(conn, "SELECT count(*) FROM call_resolutions"));
        Assert.Equal(summary.Written.Feedback, await CountAsync(conn, "SELECT count(*) FROM kb_feedback"));
        Assert.Contains("none written, the database already has", Assert.Single(again.Lines()));
    }

    [Fact]
    public async Task RunAsync_TicketsAlreadyThere_WritesNothing()
    {
        var cs = await DatabaseAsync("demohas");
        await using var ds = NpgsqlDataSource.Create(cs);
        var time = new ManualTime(Now);
        var router = new JourneyRouter(ReferenceSnapshot.Fixed(TicketHarness.Reference));
        await new TicketCommands(ds, router, new TicketFormValidator(router.Snapshot, time), time)
            .OpenAsync(TicketHarness.Form("general-inquiry"), TicketHarness.Agent);
        var node = await NodeAsync(ds, Now);

        await node.RunAsync(default);

        await using var conn = await ds.OpenConnectionAsync();
        Assert.Equal(1, await CountAsync(conn, "SELECT count(*) FROM tickets"));
        Assert.Equal(0, await CountAsync(conn, "SELECT count(*) FROM search_log"));
        Assert.Equal(0, await CountAsync(conn, "SELECT count(*) FROM call_resolutions"));
        Assert.Null(node.Summary!.Written);
    }

    [Fact]
    public async Task RunAsync_OptionOff_WritesNothingAndPrintsNothing()
    {
        await using var ds = NpgsqlDataSource.Create(await DatabaseAsync("demooff"));
        var node = await NodeAsync(ds, Now, on: false);

        await node.RunAsync(default);

        await using var conn = await ds.OpenConnectionAsync();
        Assert.Equal(0, await CountAsync(conn, "SELECT count(*) FROM tickets"));
        Assert.Equal(0, await CountAsync(conn, "SELECT count(*) FROM search_log"));
        Assert.Empty(node.Lines());
    }

    /// <summary>The real executable in Development: off in a test's app unless asked for; asked for by two nodes at once, written once.</summary>
    [Fact]
    public async Task Start_TestAppThenTwoNodesAskingForIt_WrittenOnceAndAnnounced()
    {
        var cs = await postgres.CreateDatabaseAsync("demoapp");
        var settings = new Dictionary<string, string> { ["ConnectionStrings__CareDesk"] = cs };
        await using (var plain = await AppProcess.StartAsync(settings))
        {
            await using var conn = new NpgsqlConnection(cs);
            Assert.Equal(0, await CountAsync(conn, "SELECT count(*) FROM tickets"));
            Assert.DoesNotContain("Demo tickets:", plain.Output);
        }

        settings["CareDesk__Demo__Tickets"] = "true";
        var nodes = await Task.WhenAll(AppProcess.StartAsync(settings), AppProcess.StartAsync(settings));
        try
        {
            // The banner is printed just after the server starts answering /health.
            for (var i = 0; i < 100 && nodes.Any(n => !n.Output.Contains("Press Ctrl+C")); i++)
                await Task.Delay(100);
            var banners = nodes.Select(n => n.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Demo tickets:", StringComparison.Ordinal))).ToList();
            await using var conn = new NpgsqlConnection(cs);
            var tickets = await CountAsync(conn, "SELECT count(*) FROM tickets");
            Assert.InRange(tickets, 40, 80);
            Assert.Single(banners, b => b.StartsWith($"Demo tickets: {tickets} over the last", StringComparison.Ordinal));
            Assert.Single(banners, b => b.StartsWith($"Demo tickets: none written, the database already has {tickets} ticket(s)", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var n in nodes)
                await n.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Development", "false", false)]
    [InlineData("Staging", "true", true)]
    public void Read_Setting_OnInDevelopmentByDefault(string environment, string? value, bool expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CareDesk:Demo:Tickets"] = value }).Build();

        Assert.Equal(expected, DemoOptions.Read(config, new Environment(environment)).Tickets);
    }

    [Fact]
    public void Read_NotABoolean_StopsStartUpNamingTheSetting()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CareDesk:Demo:Tickets"] = "yes" }).Build();

        var ex = Assert.Throws<StartupException>(() => DemoOptions.Read(config, new Environment("Development")));
        Assert.Contains("CareDesk:Demo:Tickets", ex.Message);
    }

    [Fact]
    public void NationalIdNumberAndIban_Generated_PassTheFormChecks()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            Assert.True(CareDesk.Knowledge.Callers.NationalId.TryParse(DemoScenarios.NationalIdNumber(random, 1 + i % 2), out _, out var problem), problem?.Code);
            Assert.True(TicketFormValidator.IsSaudiIban(DemoScenarios.Iban(random, "80")));
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "CareDesk";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
