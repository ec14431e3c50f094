using System.Globalization;

namespace CareDesk.Load;

/// <summary>
/// The command line. Every scenario is bounded: a duration and a request count per step, a fixed list of
/// steps, and loopback addresses only (the tool refuses to load anything else).
/// </summary>
public sealed class LoadSettings
{
    public const string Usage = """
        usage: CareDesk.Load search|intake|pgbench|sessions|sessions-paced|all --url http://127.0.0.1:PORT --key API_KEY [options]
          --quick                 short steps (about 2 minutes for `all`)
          --concurrency 1,4,16,64 HTTP clients (and pgbench clients) per step
          --duration S            seconds measured per HTTP/pgbench step (default 15, quick 4)
          --warmup S              seconds of unmeasured load before each HTTP step (default 3, quick 1)
          --max-requests N        at most N requests per step (default 200000)
          --app-pid PID           the app process, for its CPU and memory
          --pg CONNECTION         the app's PostgreSQL (loopback), for pgbench and its CPU
          --pg-pid PID            the postmaster, for PostgreSQL's CPU
          --pgbench PATH          default /usr/lib/postgresql/15/bin/pgbench
          --sessions 5,10,20,40,80  browser sessions per step (stops after the first step whose p99 > --target-ms)
          --session-duration S    seconds each sessions step runs (default 20, quick 10)
          --target-ms MS          the UI update p99 budget (default 300)
          --pace S                think time in seconds (± half) after a query's results are painted and after a
                                  ticket view (default 0: nonstop; sessions-paced: 6, steps 25,50,100,150,200 of 60 s)
          --open-parallel N       sessions opened at once (default 4)
          --min-free-gib G        refuse a step whose estimated memory would leave less free (default 6)
          --agent USER:PASSWORD   console sign-in (default: the demo agent of seeds/demo-users.json)
          --chromium PATH         default /usr/bin/chromium (or CAREDESK_CHROMIUM)
          --seed-tickets N        tickets opened through the API before sessions when none were (default 500)
          --out DIR               where results.md and results.csv go (default bench/results/<time>)
        """;

    public required string Scenario { get; init; }
    public required string BaseUrl { get; init; }
    public required string ApiKey { get; init; }
    public bool Quick { get; init; }
    public int[] Concurrency { get; init; } = [1, 4, 16, 64];
    public TimeSpan StepDuration { get; init; }
    public TimeSpan Warmup { get; init; }
    public int MaxRequestsPerStep { get; init; } = 200_000;
    public int? AppPid { get; init; }
    public string? Postgres { get; init; }
    public int? PostgresPid { get; init; }
    public string PgBench { get; init; } = "/usr/lib/postgresql/15/bin/pgbench";
    public int[] Sessions { get; init; } = [5, 10, 20, 40, 80];
    public TimeSpan SessionStepDuration { get; init; }
    public double TargetMs { get; init; } = 300;
    public TimeSpan Pace { get; init; }
    public int OpenParallel { get; init; } = 4;
    public double MinFreeGiB { get; init; } = 6;
    public string? Agent { get; init; }
    public string Chromium { get; init; } = Environment.GetEnvironmentVariable("CAREDESK_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
    public int SeedTickets { get; init; } = 500;
    public required string OutDir { get; init; }

    public static readonly string[] Scenarios = ["search", "intake", "pgbench", "sessions", "sessions-paced", "all"];

    /// <summary>The paced run's default think time: with typing (~3 s) a search about every 15 s per agent (docs/performance.md says why).</summary>
    public const double PacedThinkSeconds = 6;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with the reason when they are wrong.</summary>
    public static LoadSettings Parse(string[] args)
    {
        if (args.Length == 0 || !Scenarios.Contains(args[0]))
            throw new ArgumentException("the first argument is the scenario: " + string.Join("|", Scenarios));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--quick")
                quick = true;
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
                values[args[i][2..]] = args[++i];
            else
                throw new ArgumentException($"unexpected argument '{args[i]}'");
        }
        var known = new[] { "url", "key", "concurrency", "duration", "warmup", "max-requests", "app-pid", "pg", "pg-pid", "pgbench", "sessions",
            "session-duration", "target-ms", "agent", "chromium", "seed-tickets", "out", "pace", "open-parallel", "min-free-gib" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
            throw new ArgumentException($"unknown option --{unknown}");
        var url = values.GetValueOrDefault("url") ?? throw new ArgumentException("--url is required");
        var key = values.GetValueOrDefault("key") ?? throw new ArgumentException("--key is required");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsLoopback)
            throw new ArgumentException($"--url {url} is not a loopback address; this tool loads only this machine");

        var paced = args[0] == "sessions-paced";
        int[] defaultSessions = (paced, quick) switch
        {
            (true, true) => [10, 25],
            (true, false) => [25, 50, 100, 150, 200],
            (false, true) => [5, 10],
            _ => [5, 10, 20, 40, 80],
        };
        var settings = new LoadSettings
        {
            Scenario = args[0],
            BaseUrl = url.TrimEnd('/'),
            ApiKey = key,
            Quick = quick,
            Concurrency = values.TryGetValue("concurrency", out var c) ? Ints(c, "concurrency", 1, 512) : [1, 4, 16, 64],
            StepDuration = Seconds(values, "duration", quick ? 4 : 15),
            Warmup = Seconds(values, "warmup", quick ? 1 : 3),
            MaxRequestsPerStep = values.TryGetValue("max-requests", out var m) ? Int(m, "max-requests", 1, 10_000_000) : 200_000,
            AppPid = values.TryGetValue("app-pid", out var ap) ? Int(ap, "app-pid", 1, int.MaxValue) : null,
            Postgres = values.GetValueOrDefault("pg"),
            PostgresPid = values.TryGetValue("pg-pid", out var pp) ? Int(pp, "pg-pid", 1, int.MaxValue) : null,
            PgBench = values.GetValueOrDefault("pgbench") ?? "/usr/lib/postgresql/15/bin/pgbench",
            Sessions = values.TryGetValue("sessions", out var s) ? Ints(s, "sessions", 1, 400) : defaultSessions,
            SessionStepDuration = Seconds(values, "session-duration", (paced, quick) switch { (true, true) => 20, (true, false) => 60, (false, true) => 10, _ => 20 }),
            Pace = TimeSpan.FromSeconds(values.TryGetValue("pace", out var pace) ? Number(pace, "pace", 0, 600) : paced ? PacedThinkSeconds : 0),
            OpenParallel = values.TryGetValue("open-parallel", out var op) ? Int(op, "open-parallel", 1, 64) : 4,
            MinFreeGiB = values.TryGetValue("min-free-gib", out var mf) ? Number(mf, "min-free-gib", 0, 1024) : 6,
            TargetMs = values.TryGetValue("target-ms", out var t) ? Int(t, "target-ms", 1, 60_000) : 300,
            Agent = values.GetValueOrDefault("agent"),
            Chromium = values.GetValueOrDefault("chromium") ?? (Environment.GetEnvironmentVariable("CAREDESK_CHROMIUM") is { Length: > 0 } ch ? ch : "/usr/bin/chromium"),
            SeedTickets = values.TryGetValue("seed-tickets", out var st) ? Int(st, "seed-tickets", 0, 100_000) : 500,
            OutDir = values.GetValueOrDefault("out") ?? Path.Combine("bench", "results", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
        };
        if (settings.Postgres is { } pg && !IsLoopbackDatabase(pg))
            throw new ArgumentException("--pg must name a loopback PostgreSQL (127.0.0.1, ::1, localhost or a socket directory)");
        if (settings.Scenario is "pgbench" && settings.Postgres is null)
            throw new ArgumentException("pgbench needs --pg");
        return settings;
    }

    public static bool IsLoopbackDatabase(string connectionString)
    {
        var host = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Host ?? "";
        return host is "localhost" || host.StartsWith('/') || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }

    private static TimeSpan Seconds(Dictionary<string, string> values, string name, int fallback) =>
        TimeSpan.FromSeconds(values.TryGetValue(name, out var v) ? Int(v, name, 0, 3600) : fallback);

    private static int Int(string value, string name, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"--{name} '{value}' must be a whole number from {min} to {max}");

    private static double Number(string value, string name, double min, double max) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"--{name} '{value}' must be a number from {min} to {max}");

    private static int[] Ints(string value, string name, int min, int max) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Int(v, name, min, max)).ToArray() is { Length: > 0 } a
            ? a
            : throw new ArgumentException($"--{name} needs at least one number");
}
