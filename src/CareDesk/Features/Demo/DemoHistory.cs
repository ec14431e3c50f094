using CareDesk.Features.AgentConsole;
using CareDesk.Features.Accounts;
using CareDesk.Features.Search;
using CareDesk.Features.Tickets;
using CareDesk.Features.Tickets.Background;
using CareDesk.Features.Tickets.Live;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Search;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Demo;

/// <summary>The clock the demo history is written under: set by hand to each moment of the past month.</summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

/// <summary>When a step happens, from the ticket as the previous step left it and that step's time.</summary>
internal delegate DateTimeOffset DemoWhen(Ticket ticket, DateTimeOffset previous, SaudiWorkingCalendar calendar);

/// <summary>One thing someone does to a demo ticket, through the ticket commands.</summary>
internal sealed record DemoStep(string What, DemoWhen At, Func<DemoActors, Ticket, Task<TicketResult>> Act);

/// <summary>A demo ticket: the form the agent opens it with, when, and what happens to it afterwards.</summary>
internal sealed record DemoTicket(string Story, DateTimeOffset OpenAt, OpenTicket Form, IReadOnlyList<DemoStep> Steps);

/// <summary>Who acts in the demo (the users of <c>seeds/demo-users.json</c>), with the commands they act through.</summary>
internal sealed class DemoActors(TicketCommands commands, TicketStore store, DemoClock clock, IReadOnlyDictionary<string, string> names)
{
    public TicketCommands Commands => commands;

    public TicketActor Agent => Actor("agent.demo", Roles.Agent, "MOF");

    public TicketActor Supervisor => Actor("supervisor.demo", Roles.Supervisor, "MOF");

    public TicketActor Liaison(string agency) => Actor($"liaison.{agency.ToLowerInvariant()}.demo", Roles.Liaison, agency);

    /// <summary>The agent calls the caller back about a resolved ticket and marks the call-back made.</summary>
    public async Task<TicketResult> CallBackAsync(Ticket t)
    {
        var callback = (await store.CallbacksAsync(Agent.Username)).FirstOrDefault(c => c.TicketId == t.Id);
        return callback is not null && await store.CompleteCallbackAsync(callback.Id, Agent.Username, clock.GetUtcNow())
            ? new TicketResult.Ok(t) : new TicketResult.NotFound();
    }

    private TicketActor Actor(string username, string role, string agency) =>
        new(username, names.TryGetValue(username, out var name) ? name : username, role, agency);
}

/// <summary>What the demo wrote.</summary>
/// <param name="Tickets">Tickets opened.</param>
/// <param name="StepsSkipped">Steps a command refused (none when the scenarios are right).</param>
/// <param name="Searches">Console searches logged.</param>
/// <param name="Resolutions">Calls closed with an article and no ticket.</param>
/// <param name="Feedback">Helpful / not helpful marks on articles.</param>
public sealed record DemoHistoryResult(int Tickets, int StepsSkipped, int Searches, int Resolutions, int Feedback);

/// <summary>
/// Writes the demo month as it would have happened: every ticket step runs through
/// <see cref="TicketCommands"/> under a <see cref="DemoClock"/> set to the step's moment, in time order
/// across all tickets; before each step the <see cref="EscalationSweeper"/> runs at every stage deadline
/// passed since the previous one (as the per-minute sweep would have), and the
/// <see cref="OutboxDispatcher"/> delivers what the step queued. So events, <c>ticket_stages</c>,
/// escalations, outbox rows, notifications and call-backs are the production writes, only dated in the past.
/// Then the console's side: searches (ranked by the live index), calls closed with an article, feedback.
/// </summary>
internal sealed class DemoHistory
{
    private static readonly TimeSpan MinimumGap = TimeSpan.FromMinutes(4);

    private readonly NpgsqlDataSource _dataSource;
    private readonly JourneyRouter _router;
    private readonly KnowledgeSearch _search;
    private readonly DemoClock _clock;
    private readonly DemoActors _actors;
    private readonly TicketStore _store;
    private readonly EscalationSweeper _sweeper;
    private readonly OutboxDispatcher _outbox;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _now;
    private readonly string[] _users;

    /// <summary>Demo users have read their notices up to this long before now; the newer ones show as new.</summary>
    private static readonly TimeSpan ReadUntil = TimeSpan.FromDays(2);

    public DemoHistory(NpgsqlDataSource dataSource, JourneyRouter router, KnowledgeSearch search, TicketOptions options, IEmailSender email,
        TicketSignals signals, IReadOnlyDictionary<string, string> names, ILoggerFactory loggers, DateTimeOffset now)
    {
        _dataSource = dataSource;
        _router = router;
        _search = search;
        _now = now;
        _clock = new DemoClock(now.AddDays(-DemoScenarios.Days));
        _store = new TicketStore(dataSource);
        var commands = new TicketCommands(dataSource, router, new TicketFormValidator(router.Snapshot, _clock), _clock);
        _actors = new DemoActors(commands, _store, _clock, names);
        _sweeper = new EscalationSweeper(dataSource, router, email, options, _clock, loggers.CreateLogger<EscalationSweeper>());
        _outbox = new OutboxDispatcher(dataSource, email, signals, options, _clock, loggers.CreateLogger<OutboxDispatcher>());
        _logger = loggers.CreateLogger<DemoHistory>();
        _users = names.Keys.ToArray();
    }

    private sealed class Cursor(DemoTicket plan)
    {
        public DemoTicket Plan => plan;
        public Ticket? Ticket { get; set; }
        public int Next { get; set; }
        public DateTimeOffset Previous { get; set; }
    }

    public async Task<DemoHistoryResult> WriteAsync(CancellationToken ct)
    {
        var plans = DemoScenarios.Tickets(_now, _router.Calendar);
        var queue = new PriorityQueue<Cursor, (DateTimeOffset At, int Order)>();
        var order = 0;
        foreach (var plan in plans.OrderBy(p => p.OpenAt))
            queue.Enqueue(new Cursor(plan), (WholeSecond(plan.OpenAt), order++));

        int opened = 0, skipped = 0;
        while (queue.TryDequeue(out var cursor, out var at))
        {
            if (at.At > _now)
                continue;
            await CatchUpAsync(at.At, ct);
            _clock.Now = at.At;
            var ok = await StepAsync(cursor, ct);
            await _outbox.DispatchOnceAsync(ct);
            if (!ok)
            {
                skipped++;
                continue;
            }
            if (cursor.Next == 1)
                opened++;
            if (cursor.Next < cursor.Plan.Steps.Count)
            {
                var next = WholeSecond(cursor.Plan.Steps[cursor.Next].At(cursor.Ticket!, at.At, _router.Calendar));
                queue.Enqueue(cursor, (next < at.At + MinimumGap ? at.At + MinimumGap : next, order++));
            }
        }
        await CatchUpAsync(_now, ct);
        _clock.Now = _now;
        await _sweeper.SweepOnceAsync(ct);
        await _outbox.DispatchOnceAsync(ct);
        await MarkOldNoticesReadAsync(ct);

        var (searches, resolutions, feedback) = await ConsoleAsync(ct);
        return new DemoHistoryResult(opened, skipped, searches, resolutions, feedback);
    }

    /// <summary>
    /// A month of work has been read: each demo user's read marker is set to the last notice older than
    /// <see cref="ReadUntil"/> (the demo delivers in time order, so ids follow time), and the last days' notices show as new.
    /// </summary>
    private async Task MarkOldNoticesReadAsync(CancellationToken ct)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notification_marks (username, seen_up_to)
            SELECT u, m.id FROM unnest(@Users) AS u, (SELECT max(id) AS id FROM notifications WHERE created_at < @Before) AS m
            WHERE m.id IS NOT NULL
            ON CONFLICT (username) DO UPDATE SET seen_up_to = greatest(notification_marks.seen_up_to, excluded.seen_up_to)
            """, new { Users = _users, Before = (_now - ReadUntil).UtcDateTime }, cancellationToken: ct));
    }

    /// <summary>
    /// Step times in whole seconds: a due time goes into the event's JSON with 100 ns ticks and into
    /// the row with microseconds, and migration 70's backfill (which reads the JSON) should find the
    /// same instant the live write stored.
    /// </summary>
    private static DateTimeOffset WholeSecond(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);

    /// <summary>Runs the cursor's next step at the clock's time; false (logged) when the command refused it.</summary>
    private async Task<bool> StepAsync(Cursor cursor, CancellationToken ct)
    {
        TicketResult result;
        string what;
        if (cursor.Ticket is null)
        {
            what = "open";
            result = await _actors.Commands.OpenAsync(cursor.Plan.Form, _actors.Agent, ct);
        }
        else
        {
            var step = cursor.Plan.Steps[cursor.Next - 1];
            what = step.What;
            // The sweeper may have moved the version on since the previous step.
            var current = await _store.GetAsync(cursor.Ticket.Id, TicketScope.For(Roles.Supervisor, null), ct) ?? cursor.Ticket;
            result = await step.Act(_actors, current);
        }
        if (result is not TicketResult.Ok ok)
        {
            _logger.LogWarning("Demo ticket \"{Story}\": {Step} at {At} was refused ({Result}); its story stops there",
                cursor.Plan.Story, what, _clock.Now, result);
            return false;
        }
        cursor.Ticket = ok.Ticket;
        cursor.Next++;
        return true;
    }

    /// <summary>Escalates, at each stage deadline before <paramref name="until"/>, what the per-minute sweep would have.</summary>
    private async Task CatchUpAsync(DateTimeOffset until, CancellationToken ct)
    {
        while (true)
        {
            DateTime? due;
            await using (var conn = await _dataSource.OpenConnectionAsync(ct))
            {
                due = await conn.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
                    SELECT min(stage_due) FROM tickets
                    WHERE status <> 'resolved' AND escalated_hand_off IS DISTINCT FROM hand_off AND stage_due < @Until
                    """, new { Until = until.UtcDateTime }, cancellationToken: ct));
            }
            if (due is not { } d)
                return;
            var sweepAt = new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)).AddMinutes(1);
            if (sweepAt > until)
                sweepAt = until;
            if (sweepAt > _clock.Now)
                _clock.Now = sweepAt;
            await _sweeper.SweepOnceAsync(ct);
            await _outbox.DispatchOnceAsync(ct);
        }
    }

    /// <summary>
    /// The console's month: agents' searches (hit counts and top article from the node's index), the
    /// article opened from most, calls closed with it and no ticket, and some helpful / not helpful marks.
    /// </summary>
    private async Task<(int Searches, int Resolutions, int Feedback)> ConsoleAsync(CancellationToken ct)
    {
        var snapshot = _search.Snapshot;
        var resolutionsStore = new CallResolutionStore(_dataSource);
        var feedbackStore = new ArticleFeedbackStore(_dataSource);
        int searches = 0, resolutions = 0, feedback = 0;
        foreach (var s in DemoScenarios.Searches(_now, _router.Calendar))
        {
            var result = _search.Search(new SearchRequest { Query = s.Query, Snippets = false, Prefix = false });
            var top = result.Hits.FirstOrDefault()?.Id;
            var chosen = s.Opens && result.Hits.Count > 0 ? result.Hits[Math.Min(s.Pick, result.Hits.Count - 1)].Id : null;
            // Logged as the console logs it (KnowledgeSearch), dated when the agent searched.
            var id = await _search.LogAsync(s.Query, result.TotalMatches, top, _actors.Agent.Username, "console", ct, s.At);
            if (chosen is not null)
                await _search.LogChosenAsync(id, chosen, ct);
            searches++;
            if (chosen is null || snapshot.Article(chosen) is not { } article)
                continue;
            if (s.Resolves)
            {
                await resolutionsStore.RecordAsync(new CallResolution(s.CallerId, chosen, article.Revision, null, null, id, _actors.Agent.Username,
                    Guid.NewGuid(), s.At.AddMinutes(3).ToUniversalTime()), ct);
                resolutions++;
            }
            if (s.Feedback is { } f)
            {
                await feedbackStore.RecordAsync(chosen, article.Revision, f.Helpful, f.Comment, _actors.Agent.Username, s.At.AddMinutes(2).ToUniversalTime(), ct);
                feedback++;
            }
        }
        return (searches, resolutions, feedback);
    }
}
