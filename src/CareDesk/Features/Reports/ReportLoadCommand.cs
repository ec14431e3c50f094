using System.Diagnostics;
using System.Globalization;
using System.Net;
using CareDesk.Data;
using CareDesk.Features.Knowledge.Gaps;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Features.Reports;

/// <summary>
/// <c>generate-load-data --tickets N --connection CS</c>: migrates the database and fills it with N
/// synthetic tickets (each with its created/routed/stage-advanced/resolved/escalated history) and N
/// searches spread over the last year, then times every report query. Loopback databases only, at
/// most 5,000,000 tickets. <c>--time-only</c> skips the generation (pending migrations are still applied,
/// so an older generated database is upgraded and timed).
/// </summary>
internal static class ReportLoadCommand
{
    private const string Usage = "usage: generate-load-data --connection \"Host=127.0.0.1;Port=…;Database=…;Username=…\" [--tickets 1000000] [--time-only]";
    private const int MaxTickets = 5_000_000;

    public static async Task<int> RunAsync(string[] args)
    {
        string? connection = null;
        var tickets = 1_000_000;
        var timeOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--connection" when i + 1 < args.Length: connection = args[++i]; break;
                case "--tickets" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out tickets): i++; break;
                case "--time-only": timeOnly = true; break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        if (connection is null || tickets is < 1 or > MaxTickets)
        {
            Console.Error.WriteLine(Usage + $" (1 ≤ tickets ≤ {MaxTickets:N0})");
            return 2;
        }
        var host = new NpgsqlConnectionStringBuilder(connection).Host ?? "";
        if (!(host is "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)) || host.StartsWith('/')))
        {
            Console.Error.WriteLine($"generate-load-data: {host} is not a loopback database; refusing.");
            return 2;
        }

        await using var ds = new NpgsqlDataSourceBuilder(connection) { ConnectionStringBuilder = { CommandTimeout = 0 } }.Build();
        var migrating = Stopwatch.StartNew();
        var applied = await new MigrationRunner(ds, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        if (applied > 0)
            Console.WriteLine($"applied {applied} migration(s) in {migrating.Elapsed.TotalSeconds:N1} s");
        if (!timeOnly)
        {
            var clock = Stopwatch.StartNew();
            var now = DateTime.UtcNow;
            await using var conn = await ds.OpenConnectionAsync();
            foreach (var (what, sql) in LoadSql.Steps)
            {
                var step = Stopwatch.StartNew();
                await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
                cmd.Parameters.AddWithValue("n", tickets);
                cmd.Parameters.AddWithValue("now", now);
                var rows = await cmd.ExecuteNonQueryAsync();
                Console.WriteLine($"{what,-24} {rows,12:N0} rows {step.Elapsed.TotalSeconds,8:N1} s");
            }
            Console.WriteLine($"generated in {clock.Elapsed.TotalSeconds:N0} s");
        }
        await TimeAsync(ds);
        return 0;
    }

    private static async Task TimeAsync(NpgsqlDataSource ds)
    {
        await using (var conn = await ds.OpenConnectionAsync())
        {
            await using var count = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM ticket_events), (SELECT count(*) FROM ticket_stages),
                       (SELECT count(*) FROM search_log)
                """, conn);
            await using var r = await count.ExecuteReaderAsync();
            await r.ReadAsync();
            Console.WriteLine($"tickets {r.GetInt64(0):N0}, ticket_events {r.GetInt64(1):N0}, ticket_stages {r.GetInt64(2):N0}, search_log {r.GetInt64(3):N0}");
        }
        var q = new ReportQueries(ds);
        var gaps = new ContentGaps(ds);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3));
        var filters = new (string Name, ReportFilter Filter)[]
        {
            ("30 days", new ReportFilter(today.AddDays(-29), today)),
            ("30 days, agency+type", new ReportFilter(today.AddDays(-29), today, "MOF", "ct03")),
            ("365 days", new ReportFilter(today.AddDays(-364), today)),
            ("365 days, agency+type", new ReportFilter(today.AddDays(-364), today, "MOF", "ct03")),
        };
        var queries = new (string Name, Func<ReportFilter, Task> Run)[]
        {
            ("daily-inquiries", f => q.DailyInquiriesAsync(f)),
            ("daily-tickets", f => q.DailyTicketsAsync(f)),
            ("first-contact", f => q.FirstContactAsync(f)),
            ("open-tickets", f => q.OpenTicketsAsync(f)),
            ("stage-deadlines", f => q.StageDeadlinesAsync(f)),
            ("stage-times", f => q.StageTimesAsync(f)),
            ("escalations", f => q.EscalationsAsync(f)),
            ("content-gaps (all 4)", f => gaps.ReportAsync(f.FromUtc, f.ToUtc)),
        };
        var cpu = await ServerCpu.FindAsync(ds);
        Console.WriteLine(cpu is null
            ? "wall-clock ms, best of three after a warm-up"
            : "wall-clock ms, best of three after a warm-up (in brackets: the server's CPU ms per run, average of the three)");
        PrintLoadAverage();
        Console.WriteLine($"| query | {string.Join(" | ", filters.Select(f => f.Name))} |");
        Console.WriteLine($"|---|{string.Concat(filters.Select(_ => "---:|"))}");
        var page = new double[filters.Length];
        var pageCpu = new double[filters.Length];
        foreach (var (name, run) in queries)
        {
            var cells = new List<string>();
            for (var column = 0; column < filters.Length; column++)
            {
                var filter = filters[column].Filter;
                // Best of three after a warm-up run: the steady state a supervisor refreshing the page sees.
                await run(filter);
                var best = double.MaxValue;
                var cpuBefore = cpu?.Used();
                for (var i = 0; i < 3; i++)
                {
                    var sw = Stopwatch.StartNew();
                    await run(filter);
                    best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
                }
                var cpuMs = (cpu?.Used() - cpuBefore)?.TotalMilliseconds / 3;
                cells.Add(cpuMs is null ? $"{best:N0} ms" : $"{best:N0} ms ({cpuMs:N0})");
                page[column] += best;
                pageCpu[column] += cpuMs ?? 0;
            }
            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
        }
        // The page runs the sections one after another.
        Console.WriteLine($"| whole page (sum) | {string.Join(" | ", page.Zip(pageCpu, (ms, c) => cpu is null ? $"{ms:N0} ms" : $"{ms:N0} ms ({c:N0})"))} |");
        PrintLoadAverage();
    }

    /// <summary>The machine's load average (1, 5, 15 minutes), where it shows one: timings on a shared machine mean little without it.</summary>
    private static void PrintLoadAverage()
    {
        if (File.Exists("/proc/loadavg"))
            Console.WriteLine($"load average: {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
    }
}
