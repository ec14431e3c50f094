using CareDesk.Data;
using CareDesk.Features.Accounts;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Search;
using CareDesk.Features.Tickets;
using CareDesk.Features.Tickets.Background;
using CareDesk.Features.Tickets.Live;
using CareDesk.Hosting;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Demo;

/// <summary>Tickets in the database after the demo step, and the open ones in each routable agency's inbox.</summary>
public sealed record DemoTicketsSummary(DemoHistoryResult? Written, long Tickets, IReadOnlyList<(string Agency, long Open)> OpenByAgency);

/// <summary>
/// With <c>CareDesk:Demo:Tickets</c> on (default: Development only), fills a database that has no
/// tickets with a month of demo work (<see cref="DemoHistory"/>): tickets along every journey, in
/// every agency's inbox, handed over, rerouted, escalated, resolved in and after their deadlines, one
/// reopened; console searches, first-contact resolutions and article feedback. As the seed imports do,
/// it checks for tickets, then takes an advisory lock and checks again, so of several nodes starting
/// together one writes and the others find the tickets. Prints a banner line with what is there.
/// </summary>
public sealed class DemoTickets(
    DemoOptions options,
    NpgsqlDataSource dataSource,
    JourneyRouter router,
    KnowledgeSearch search,
    TicketOptions ticketOptions,
    IEmailSender email,
    TicketSignals signals,
    ContentOptions content,
    TimeProvider time,
    ILoggerFactory loggers) : IStartupStep, IBannerLine
{
    private const long LockKey = 0x44_65_6D_6F_54_69_63_6B; // "DemoTick"

    private readonly ILogger _logger = loggers.CreateLogger<DemoTickets>();

    /// <summary>After the search index is built (40): the demo searches are ranked by it.</summary>
    public int Order => 50;

    /// <summary>What the step found or wrote; null when the option is off (or before it ran).</summary>
    public DemoTicketsSummary? Summary { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Tickets)
            return;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        DemoHistoryResult? written = null;
        if (!await SeedImport.HasRowsAsync(conn, "tickets", ct))
        {
            // The lock is held (by this transaction) while the history is written on other connections.
            await SeedImport.InLockedTransactionAsync(conn, LockKey, async _ =>
            {
                if (await SeedImport.HasRowsAsync(conn, "tickets", ct))
                    return 0;
                written = await new DemoHistory(dataSource, router, search, ticketOptions, email, signals, DisplayNames(), loggers, time.GetUtcNow())
                    .WriteAsync(ct);
                return written.Tickets;
            }, ct);
        }
        Summary = await SummarizeAsync(conn, written, ct);
        if (written is not null)
            _logger.LogInformation("Demo data written: {Tickets} ticket(s), {Searches} search(es), {Resolutions} first-contact resolution(s), {Feedback} feedback mark(s)",
                written.Tickets, written.Searches, written.Resolutions, written.Feedback);
    }

    public IEnumerable<string> Lines()
    {
        if (Summary is not { } s)
            yield break;
        var inboxes = string.Join(", ", s.OpenByAgency.Select(a => $"{a.Agency} {a.Open}"));
        yield return s.Written is { } w
            ? $"Demo tickets: {w.Tickets} over the last {DemoScenarios.Days} days (open in each inbox: {inboxes}) — تذاكر تجريبية"
            : $"Demo tickets: none written, the database already has {s.Tickets} ticket(s) (open in each inbox: {inboxes})";
    }

    private async Task<DemoTicketsSummary> SummarizeAsync(NpgsqlConnection conn, DemoHistoryResult? written, CancellationToken ct)
    {
        var open = (await conn.QueryAsync<(string Agency, long Open)>(new CommandDefinition("""
            SELECT owning_agency, count(*) FROM tickets WHERE status <> 'resolved' GROUP BY owning_agency
            """, cancellationToken: ct))).ToDictionary(r => r.Agency, r => r.Open);
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM tickets", cancellationToken: ct));
        var byAgency = router.RoutableAgencies.Select(a => (a.Code, open.GetValueOrDefault(a.Code))).ToList();
        return new DemoTicketsSummary(written, total, byAgency);
    }

    /// <summary>The demo users' Arabic display names, so the history reads as the users who sign in.</summary>
    private Dictionary<string, string> DisplayNames()
    {
        var path = Path.Combine(content.SeedsDirectory, DemoUsers.FileName);
        return File.Exists(path) ? DemoUsers.Read(path).ToDictionary(u => u.UserName, u => u.DisplayNameAr) : [];
    }
}
