using System.Globalization;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Reports;

/// <summary>
/// The CPU time a PostgreSQL server on this machine has used, read from Linux's /proc: its postmaster,
/// the processes it has running (backends, parallel workers) and those it has reaped. For
/// <c>generate-load-data</c>, whose wall-clock timings on a shared machine depend on what else runs.
/// </summary>
internal sealed class ServerCpu
{
    // USER_HZ: the unit of /proc/[pid]/stat times on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    private readonly int _postmaster;

    private ServerCpu(int postmaster) => _postmaster = postmaster;

    /// <summary>The server behind <paramref name="dataSource"/>, or null when it is not a local process (or this is not Linux).</summary>
    public static async Task<ServerCpu?> FindAsync(NpgsqlDataSource dataSource)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        var backend = await conn.ExecuteScalarAsync<int>("SELECT pg_backend_pid()");
        return Read(backend) is { } stat && IsPostgres(backend) && IsPostgres(stat.Parent) ? new ServerCpu(stat.Parent) : null;
    }

    /// <summary>CPU time used so far (user + system), or null when the postmaster is gone.</summary>
    public TimeSpan? Used()
    {
        if (Read(_postmaster) is not { } postmaster)
            return null;
        var ticks = postmaster.Own + postmaster.Reaped;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } child && child.Parent == _postmaster)
                ticks += child.Own;
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private sealed record Stat(int Parent, long Own, long Reaped);

    private static bool IsPostgres(int pid) =>
        File.Exists($"/proc/{pid}/comm") && File.ReadAllText($"/proc/{pid}/comm").StartsWith("postgres", StringComparison.Ordinal);

    private static Stat? Read(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces, so split after its closing parenthesis):
            // state ppid … utime(14) stime(15) cutime(16) cstime(17), numbered from 1 for the pid.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long At(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
            return new Stat((int)At(4), At(14) + At(15), At(16) + At(17));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
