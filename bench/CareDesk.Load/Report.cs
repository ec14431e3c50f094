using System.Globalization;
using System.Text;

namespace CareDesk.Load;

/// <summary>Prints each step as it ends and writes results.md (tables for docs/performance.md) and results.csv.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void PrintStep(StepResult s) => Console.WriteLine(string.Create(Inv,
        $"  {s.Scenario,-20} c={s.Concurrency,-3} {s.Throughput,9:0.0}/s  ok {s.Ok,7} err {s.Errors,4}  p50 {s.Latency.P50,7:0.0}  p90 {s.Latency.P90,7:0.0}  p99 {s.Latency.P99,7:0.0}  max {s.Latency.Max,7:0.0} ms  load {s.LoadAverage1:0.0}  cpu app/pg/tool {s.AppCpuPercent:0}/{s.PostgresCpuPercent:0}/{s.ToolCpuPercent:0}%  {s.Note}"));

    public static void Write(LoadSettings settings, string command, IReadOnlyList<StepResult> steps, SessionsScenario? sessions, DateTime started)
    {
        Directory.CreateDirectory(settings.OutDir);
        var md = Markdown(settings, command, steps, sessions, started);
        File.WriteAllText(Path.Combine(settings.OutDir, "results.md"), md);
        File.WriteAllText(Path.Combine(settings.OutDir, "results.csv"), Csv(steps));
        Console.WriteLine();
        Console.WriteLine(md);
        Console.WriteLine($"written: {Path.Combine(settings.OutDir, "results.md")} and results.csv");
    }

    public static string Markdown(LoadSettings settings, string command, IReadOnlyList<StepResult> steps, SessionsScenario? sessions, DateTime started)
    {
        var b = new StringBuilder();
        b.AppendLine(string.Create(Inv, $"Run {started:yyyy-MM-dd HH:mm} (local), {(DateTime.Now - started).TotalMinutes:0.0} min; machine: {Machine.Describe()}; load average at the end {Machine.LoadAverages}."));
        b.AppendLine();
        b.AppendLine($"`{command}`");
        Table(b, "Search `GET /api/faq/search` (closed loop, each client waits for its answer)", "clients", "requests/s", steps.Where(s => s.Scenario == "search"));
        Table(b, "Ticket intake `POST /api/tickets` (each a new ticket, Idempotency-Key set)", "clients", "tickets/s", steps.Where(s => s.Scenario == "intake"));
        foreach (var script in PgBenchScripts.Scripts.Keys)
            Table(b, $"pgbench `{script}` (same server, same client counts)", "clients", "tx/s", steps.Where(s => s.Scenario == "pgbench " + script));
        Ratio(b, steps);
        if (sessions is not null)
            Sessions(b, settings, sessions);
        return b.ToString();
    }

    private static void Table(StringBuilder b, string title, string unit, string rate, IEnumerable<StepResult> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
            return;
        b.AppendLine();
        b.AppendLine($"**{title}**");
        b.AppendLine();
        var notes = list.Any(s => s.Note.Length > 0 && !s.Scenario.StartsWith("pgbench", StringComparison.Ordinal));
        b.AppendLine($"| {unit} | {rate} | ok | errors | p50 ms | p90 ms | p99 ms | max ms | load avg (1 min) | CPU app / pg / load tool |{(notes ? " note |" : "")}");
        b.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|" + (notes ? "---|" : ""));
        foreach (var s in list)
        {
            b.AppendLine(string.Create(Inv,
                $"| {s.Concurrency} | {s.Throughput:0.0} | {s.Ok} | {s.Errors} | {s.Latency.P50:0.0} | {s.Latency.P90:0.0} | {s.Latency.P99:0.0} | {s.Latency.Max:0.0} | {s.LoadAverage1:0.0} | {Cpu(s)} |{(notes ? $" {s.Note} |" : "")}"));
        }
    }

    private static string Cpu(StepResult s) => double.IsNaN(s.AppCpuPercent) && double.IsNaN(s.PostgresCpuPercent)
        ? "—"
        : string.Create(Inv, $"{s.AppCpuPercent:0} / {s.PostgresCpuPercent:0} / {s.ToolCpuPercent:0} %");

    private static void Ratio(StringBuilder b, IReadOnlyList<StepResult> steps)
    {
        var intake = steps.Where(s => s.Scenario == "intake").ToList();
        var insert = steps.Where(s => s.Scenario == "pgbench insert").ToDictionary(s => s.Concurrency);
        var sql = steps.Where(s => s.Scenario == "pgbench intake-sql").ToDictionary(s => s.Concurrency);
        if (intake.Count == 0 || insert.Count == 0)
            return;
        b.AppendLine();
        b.AppendLine("**Intake against the database's own limit** (tickets/s ÷ pgbench tx/s at the same client count)");
        b.AppendLine();
        b.AppendLine("| clients | intake tickets/s | pgbench insert tx/s | ratio | pgbench intake-sql tx/s | ratio |");
        b.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var s in intake)
        {
            var i = insert.GetValueOrDefault(s.Concurrency);
            var q = sql.GetValueOrDefault(s.Concurrency);
            b.AppendLine(string.Create(Inv,
                $"| {s.Concurrency} | {s.Throughput:0.0} | {i?.Throughput:0.0} | {(i is null ? "" : (s.Throughput / i.Throughput).ToString("0.00", Inv))} | {q?.Throughput:0.0} | {(q is null ? "" : (s.Throughput / q.Throughput).ToString("0.00", Inv))} |"));
        }
    }

    private static void Sessions(StringBuilder b, LoadSettings settings, SessionsScenario sessions)
    {
        var pace = settings.Pace > TimeSpan.Zero
            ? string.Create(Inv, $"think {settings.Pace.TotalSeconds:0.#} s ± half after each query's results and each ticket view")
            : "nonstop: the next query as soon as the ticket view's 0.5 s is over";
        b.AppendLine();
        b.AppendLine(string.Create(Inv, $"**Agent sessions** (headless Chromium, one context and circuit each; {settings.SessionStepDuration.TotalSeconds:0} s per step; {pace}; keystroke → results painted)"));
        b.AppendLine();
        b.AppendLine("| sessions | keystrokes | searches | errors | p50 ms | p90 ms | p99 ms | max ms | ticket open p50 / p99 ms (n) | app RSS / anon MiB | Chromium MiB (PSS) | load avg (1 min) | CPU app / pg / Chromium / load tool + driver |");
        b.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---|");
        foreach (var s in sessions.Steps)
        {
            var o = s.TicketOpen ?? LatencySummary.Empty;
            b.AppendLine(string.Create(Inv,
                $"| {s.Concurrency} | {s.Ok} | {s.Searches} | {s.Errors} | {s.Latency.P50:0.0} | {s.Latency.P90:0.0} | {s.Latency.P99:0.0} | {s.Latency.Max:0.0} | {o.P50:0} / {o.P99:0} ({o.Count}) | {s.AppRssMiB:0} / {s.AppAnonMiB:0} | {s.ChromiumMiB:0} | {s.LoadAverage1:0.0} | {s.AppCpuPercent:0} / {s.PostgresCpuPercent:0} / {s.ChromiumCpuPercent:0} / {s.ToolCpuPercent - s.ChromiumCpuPercent:0} % |"));
        }
        var over = sessions.Steps.FirstOrDefault(s => s.Latency.P99 > settings.TargetMs);
        var last = sessions.Steps.LastOrDefault(s => s.Latency.P99 <= settings.TargetMs);
        b.AppendLine();
        b.AppendLine(over is null
            ? string.Create(Inv, $"p99 stayed within {settings.TargetMs:0} ms up to {sessions.Steps.LastOrDefault()?.Concurrency} sessions (the largest step run).")
            : string.Create(Inv, $"p99 first passed {settings.TargetMs:0} ms at **{over.Concurrency} sessions** ({over.Latency.P99:0} ms); the last step within it: {(last is null ? "none" : last.Concurrency.ToString(Inv))}."));
        if (sessions.Refused is { } refused)
            b.AppendLine("Memory: " + refused + ".");
        b.AppendLine(string.Create(Inv,
            $"Memory per open session (least-squares slope over {sessions.Memory.Count} points, 0 = signed in, no console open): app RSS {sessions.MiBPerSession(p => p.RssMiB):0.00} MiB, app anonymous {sessions.MiBPerSession(p => p.AnonMiB):0.00} MiB, Chromium PSS {sessions.MiBPerSession(p => p.ChromiumMiB):0.0} MiB."));
    }

    public static string Csv(IEnumerable<StepResult> steps)
    {
        var b = new StringBuilder("scenario,concurrency,seconds,ok,errors,throughput_per_s,p50_ms,p90_ms,p99_ms,max_ms,mean_ms,load_avg_1m,app_cpu_pct,pg_cpu_pct,tool_cpu_pct,chromium_cpu_pct,app_rss_mib,app_anon_mib,chromium_pss_mib,searches,note\n");
        foreach (var s in steps)
        {
            b.AppendLine(string.Create(Inv,
                $"{s.Scenario},{s.Concurrency},{s.Seconds:0.00},{s.Ok},{s.Errors},{s.Throughput:0.00},{s.Latency.P50:0.00},{s.Latency.P90:0.00},{s.Latency.P99:0.00},{s.Latency.Max:0.00},{s.Latency.Mean:0.00},{s.LoadAverage1:0.00},{s.AppCpuPercent:0},{s.PostgresCpuPercent:0},{s.ToolCpuPercent:0},{s.ChromiumCpuPercent:0},{s.AppRssMiB:0},{s.AppAnonMiB:0},{s.ChromiumMiB:0},{s.Searches},\"{s.Note.Replace("\"", "\"\"")}\""));
        }
        return b.ToString();
    }
}
