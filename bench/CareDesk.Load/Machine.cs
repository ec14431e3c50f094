using System.Globalization;

namespace CareDesk.Load;

/// <summary>What the numbers were measured on, and how busy the machine was (read from /proc).</summary>
public static class Machine
{
    public static int Cores => Environment.ProcessorCount;

    public static string CpuModel =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    public static double MemoryGiB => MemInfoKiB("MemTotal:") / 1024.0 / 1024.0;

    private static double MemInfoKiB(string field) =>
        ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)
            : double.NaN;

    /// <summary>The 1-minute load average (<c>uptime</c>'s first number).</summary>
    public static double LoadAverage1 =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    public static string LoadAverages => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";

    /// <summary>What the kernel thinks can still be given out without swapping (MemAvailable), in MiB.</summary>
    public static double AvailableMiB => MemInfoKiB("MemAvailable:") / 1024.0;

    public static string Describe() => FormattableString.Invariant(
        $"{CpuModel}, {Cores} cores (nproc), {MemoryGiB:0.0} GiB RAM, {Environment.OSVersion.VersionString}, .NET {Environment.Version}");

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}

/// <summary>
/// CPU time and memory of a process (and, for PostgreSQL, of the postmaster's children) from /proc, so a
/// step can say where the machine's time went: the app, the database or the load generator.
/// </summary>
public static class ProcStats
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User + system CPU seconds of the process and, when <paramref name="tree"/>, of each of its descendants
    /// (PostgreSQL's backends; the load tool's Playwright driver and Chromium), by process id.</summary>
    public static Dictionary<int, double> CpuSeconds(int pid, bool tree)
    {
        var all = new Dictionary<int, (int ParentPid, double CpuSeconds)>();
        foreach (var dir in tree ? Directory.EnumerateDirectories("/proc") : [$"/proc/{pid}"])
        {
            if (int.TryParse(Path.GetFileName(dir), out var p) && Stat(p) is { } s)
                all[p] = s;
        }
        var result = new Dictionary<int, double>();
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var current))
        {
            if (all.TryGetValue(current, out var s))
                result[current] = s.CpuSeconds;
            if (!tree)
                break;
            foreach (var (child, c) in all)
            {
                if (c.ParentPid == current)
                    pending.Push(child);
            }
        }
        return result;
    }

    /// <summary>Resident set size (VmRSS) in MiB, or NaN when the process is gone.</summary>
    public static double RssMiB(int pid) => StatusKiB(pid, "VmRSS:") / 1024.0;

    /// <summary>Anonymous resident memory (RssAnon: heaps, stacks; no mapped files) in MiB.</summary>
    public static double AnonMiB(int pid) => StatusKiB(pid, "RssAnon:") / 1024.0;

    /// <summary>The process's name as the kernel keeps it (<c>/proc/PID/comm</c>: "chromium", "node" …), or "" when it is gone.</summary>
    public static string Name(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>
    /// Proportional set size (<c>Pss</c> of <c>/proc/PID/smaps_rollup</c>) in MiB: the process's own pages plus its share
    /// of those it shares, so the sum over Chromium's processes counts each page once. NaN when it is gone.
    /// </summary>
    public static double PssMiB(int pid) => FieldKiB($"/proc/{pid}/smaps_rollup", "Pss:") / 1024.0;

    private static (int ParentPid, double CpuSeconds)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
            var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ppid = int.Parse(f[1], CultureInfo.InvariantCulture);
            var ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
            return (ppid, ticks / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static double StatusKiB(int pid, string field) => FieldKiB($"/proc/{pid}/status", field);

    private static double FieldKiB(string path, string field)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }
}

/// <summary>
/// CPU use of the app, PostgreSQL (all its processes) and this load generator (with pgbench, the Playwright
/// driver and Chromium) over one step, in % of one core. A process that ends during the step (an idle pooled
/// connection closed, say) takes its time with it: the sums can be a little low, never negative.
/// </summary>
public sealed class CpuWindow
{
    private readonly DateTime _start = DateTime.UtcNow;
    private readonly (int Pid, bool Tree, Dictionary<int, double> Before)?[] _watched;

    public CpuWindow(int? appPid, int? pgPid)
    {
        _watched = [Watch(appPid, false), Watch(pgPid, true), Watch(Environment.ProcessId, true)];
    }

    /// <summary>(app, postgres, load tool) CPU in % of one core since this window started; NaN for a process not given.</summary>
    public (double App, double Postgres, double Tool) Percent()
    {
        var seconds = (DateTime.UtcNow - _start).TotalSeconds;
        var p = _watched.Select(w => w is { } x
            ? 100 * ProcStats.CpuSeconds(x.Pid, x.Tree).Sum(now => now.Value - x.Before.GetValueOrDefault(now.Key)) / seconds
            : double.NaN).ToArray();
        return (p[0], p[1], p[2]);
    }

    /// <summary>The part of the load tool's CPU (% of one core) spent by its descendants named <paramref name="name"/> (Chromium's processes).</summary>
    public double ToolPartPercent(string name)
    {
        var seconds = (DateTime.UtcNow - _start).TotalSeconds;
        if (_watched[2] is not { } tool)
            return double.NaN;
        return 100 * ProcStats.CpuSeconds(tool.Pid, true).Where(p => ProcStats.Name(p.Key) == name)
            .Sum(now => now.Value - tool.Before.GetValueOrDefault(now.Key)) / seconds;
    }

    private static (int, bool, Dictionary<int, double>)? Watch(int? pid, bool tree) => pid is { } p ? (p, tree, ProcStats.CpuSeconds(p, tree)) : null;
}
