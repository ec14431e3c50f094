using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace CareDesk.Load;

/// <summary>
/// N agents' consoles at once (N rising: 5, 10, 20 … sessions stay open from step to step), each typing
/// queries and opening tickets for a bounded time; stops after the first step whose keystroke → painted
/// results p99 passes the target. The app's memory is read after each step, so the growth per open
/// circuit is the slope of memory over sessions.
/// </summary>
public sealed class SessionsScenario(LoadSettings settings, IReadOnlyList<string> tickets)
{
    public sealed record MemoryPoint(int Sessions, double RssMiB, double AnonMiB);

    public List<MemoryPoint> Memory { get; } = [];

    public List<StepResult> Steps { get; } = [];

    public async Task RunAsync()
    {
        if (!File.Exists(settings.Chromium))
            throw new InvalidOperationException($"Chromium not found at {settings.Chromium} (apt-get install -y chromium, or --chromium PATH)");
        var (user, password) = Agent();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = settings.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows"],
        });
        var storage = await AgentSession.SignInAsync(browser, settings.BaseUrl, user, password);
        RecordMemory(0);

        var sessions = new List<AgentSession>();
        try
        {
            foreach (var n in settings.Sessions)
            {
                while (sessions.Count < n)
                    sessions.Add(await AgentSession.OpenAsync(browser, settings.BaseUrl, storage));
                var step = await RunStepAsync(sessions);
                Steps.Add(step);
                Report.PrintStep(step);
                if (step.Latency.P99 > settings.TargetMs)
                    break;
            }
        }
        finally
        {
            foreach (var s in sessions)
                await s.CloseAsync();
        }
    }

    /// <summary>MiB of the app's memory per open session: the least-squares slope of anonymous RSS over the session count.</summary>
    public double MiBPerSession(Func<MemoryPoint, double> measure)
    {
        var points = Memory.Where(p => !double.IsNaN(measure(p))).ToList();
        if (points.Count < 2)
            return double.NaN;
        double mx = points.Average(p => p.Sessions), my = points.Average(measure);
        var sxx = points.Sum(p => (p.Sessions - mx) * (p.Sessions - mx));
        return sxx == 0 ? double.NaN : points.Sum(p => (p.Sessions - mx) * (measure(p) - my)) / sxx;
    }

    private async Task<StepResult> RunStepAsync(List<AgentSession> sessions)
    {
        var keystrokes = new LatencyRecorder();
        var opens = new LatencyRecorder();
        var cpu = new CpuWindow(settings.AppPid, settings.PostgresPid);
        var load = Machine.LoadAverage1;
        var clock = Stopwatch.StartNew();
        var until = DateTime.UtcNow + settings.SessionStepDuration;
        var errors = await Task.WhenAll(sessions.Select((s, i) => s.WorkAsync(until, new Random(i * 7919 + sessions.Count), tickets, keystrokes, opens)));
        var seconds = clock.Elapsed.TotalSeconds;
        var (app, pg, tool) = cpu.Percent();
        var memory = RecordMemory(sessions.Count);
        var open = opens.Summarize();
        var note = FormattableString.Invariant(
            $"ticket open p50 {open.P50:0} / p99 {open.P99:0} ms ({open.Count}); app RSS {memory.RssMiB:0} MiB, anon {memory.AnonMiB:0} MiB");
        return new StepResult("sessions", sessions.Count, seconds, keystrokes.Count, errors.Sum(), keystrokes.Summarize(),
            Math.Max(load, Machine.LoadAverage1), app, pg, tool, note) { TicketOpen = open, AppRssMiB = memory.RssMiB, AppAnonMiB = memory.AnonMiB };
    }

    private MemoryPoint RecordMemory(int sessions)
    {
        var point = settings.AppPid is { } pid ? new MemoryPoint(sessions, ProcStats.RssMiB(pid), ProcStats.AnonMiB(pid)) : new MemoryPoint(sessions, double.NaN, double.NaN);
        Memory.Add(point);
        return point;
    }

    private (string User, string Password) Agent()
    {
        if (settings.Agent is { } a && a.Split(':', 2) is [var u, var p])
            return (u, p);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var seeds = Path.Combine(dir.FullName, "seeds", "demo-users.json");
            if (!File.Exists(seeds))
                continue;
            using var doc = JsonDocument.Parse(File.ReadAllText(seeds));
            var agent = doc.RootElement.GetProperty("users").EnumerateArray().First(x => x.GetProperty("role").GetString() == "Agent");
            return (agent.GetProperty("username").GetString()!, agent.GetProperty("password").GetString()!);
        }
        throw new InvalidOperationException("no seeds/demo-users.json above the tool; pass --agent USER:PASSWORD");
    }
}
