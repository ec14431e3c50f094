using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace CareDesk.Load;

/// <summary>
/// pgbench on the app's own PostgreSQL, at the same client counts as the intake, so the intake's tickets
/// per second can be read against what the database itself commits. Two scripts, on copies of the app's
/// tables (<c>LIKE … INCLUDING ALL</c>: the same columns, defaults and indexes) in a schema of their own:
/// <list type="bullet">
/// <item><c>insert</c>: one ticket row of the intake's width in one transaction (one commit, one WAL flush).</item>
/// <item><c>intake-sql</c>: the statements one <c>POST /api/tickets</c> sends, in the same order and transactions
/// (key lookup, idempotency lookup, then one transaction: the ticket returning its row, two events, outbox, NOTIFY, api_intake and the audit row).</item>
/// </list>
/// The scripts are in <see cref="PgBenchScripts"/>. Latencies come from pgbench's per-transaction log (<c>-l</c>), summarized like the HTTP ones.
/// </summary>
public sealed partial class PgBench(LoadSettings settings)
{
    public async Task<List<StepResult>> RunAsync()
    {
        var connection = settings.Postgres ?? throw new InvalidOperationException("--pg is required for pgbench");
        if (!File.Exists(settings.PgBench))
            throw new InvalidOperationException($"pgbench not found at {settings.PgBench} (--pgbench PATH)");
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(PgBenchScripts.Setup, conn);
            await cmd.ExecuteNonQueryAsync();
        }

        var dir = Path.Combine(Path.GetTempPath(), "caredesk-pgbench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var results = new List<StepResult>();
        try
        {
            foreach (var (name, script) in PgBenchScripts.Scripts)
            {
                var file = Path.Combine(dir, name + ".sql");
                await File.WriteAllTextAsync(file, script);
                foreach (var clients in settings.Concurrency)
                {
                    var step = await RunStepAsync(connection, name, file, clients, dir);
                    results.Add(step);
                    Report.PrintStep(step);
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {PgBenchScripts.Schema} CASCADE", conn);
            await drop.ExecuteNonQueryAsync();
        }
        return results;
    }

    private async Task<StepResult> RunStepAsync(string connection, string name, string file, int clients, string dir)
    {
        var cs = new NpgsqlConnectionStringBuilder(connection);
        var prefix = Path.Combine(dir, $"{name}-c{clients}");
        var threads = Math.Min(clients, Math.Max(1, Environment.ProcessorCount));
        var args = new List<string>
        {
            "-n", "-h", cs.Host!, "-p", cs.Port.ToString(CultureInfo.InvariantCulture), "-U", cs.Username ?? "postgres",
            "-M", "extended", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", threads.ToString(CultureInfo.InvariantCulture),
            "-T", ((int)Math.Max(1, settings.StepDuration.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            "-f", file, "-l", "--log-prefix", prefix, cs.Database ?? "postgres",
        };
        var psi = new ProcessStartInfo(settings.PgBench, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (!string.IsNullOrEmpty(cs.Password))
            psi.Environment["PGPASSWORD"] = cs.Password;
        var load = Machine.LoadAverage1;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pgbench {name} -c {clients} failed ({process.ExitCode}):\n{output}");

        var latencies = new List<double>();
        foreach (var log in Directory.EnumerateFiles(dir, Path.GetFileName(prefix) + ".*"))
        {
            // client_id transaction_no time(µs) script_no time_epoch time_us
            foreach (var line in File.ReadLines(log))
            {
                var f = line.Split(' ');
                if (f.Length >= 3 && double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var us))
                    latencies.Add(us / 1000.0);
            }
        }
        var tps = TpsLine().Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
        var failed = FailedLine().Match(output) is { Success: true } f2 ? int.Parse(f2.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = latencies.Count / tps;
        return new StepResult("pgbench " + name, clients, seconds, latencies.Count, failed, LatencySummary.From(latencies),
            Math.Max(load, Machine.LoadAverage1), double.NaN, double.NaN, double.NaN, FormattableString.Invariant($"tps {tps:0.0} (pgbench)"));
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedLine();
}
