using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace CareDesk.Load;

/// <summary>
/// N agents' consoles at once (N rising: 5, 10, 20 … sessions stay open from step to step), each typing
/// queries and opening tickets for a bounded time, nonstop or with a think time (<see cref="LoadSettings.Pace"/>);
/// stops after the first step whose keystroke → painted results p99 passes the target, or before a step that
/// would not fit in memory. The app's and Chromium's memory are read after each step, so the growth per open
/// session is the slope of memory over sessions.
/// </summary>
public sealed class SessionsScenario(LoadSettings settings, IReadOnlyList<string> tickets)
{
    /// <summary>Memory per session assumed before any step has measured it (app RSS + Chromium PSS), MiB: ~100 measured, and a margin.</summary>
    public const double FirstGuessMiBPerSession = 120;

    /// <summary>
    /// One browser process, a context per session. The flags stop the work an idle page or the browser would do
    /// on its own (updates, sync, metrics, throttled timers that would skew the probe), so idle sessions cost
    /// memory, not CPU.
    /// </summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows", "--disable-extensions", "--disable-default-apps", "--mute-audio",
        "--disable-breakpad", "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--disable-hang-monitor",
        "--metrics-recording-only", "--no-default-browser-check", "--password-store=basic",
        "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions,AutofillServerCommunication,CalculateNativeWinOcclusion,PreloadTopChromeWebUI,SpareRendererForSitePerProcess",
    ];

    public sealed record MemoryPoint(int Sessions, double RssMiB, double AnonMiB, double ChromiumMiB);

    public List<MemoryPoint> Memory { get; } = [];

    public List<StepResult> Steps { get; } = [];

    /// <summary>Why the run stopped before a step for memory; null when it did not.</summary>
    public string? Refused { get; private set; }

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
            Args = ChromiumArgs,
        });
        var storage = await AgentSession.SignInAsync(browser, settings.BaseUrl, user, password);
        RecordMemory(0);

        var sessions = new List<AgentSession>();
        try
        {
            foreach (var n in settings.Sessions)
            {
                if (n <= sessions.Count)
                    continue;
                Refused = MemoryFit.Refusal(n, n - sessions.Count, MiBPerSessionEstimate(), Machine.AvailableMiB, settings.MinFreeGiB * 1024);
                var opening = Refused is null ? await OpenAsync(browser, storage, sessions, n) : null;
                if (Refused is not null)
                {
                    Console.WriteLine("  sessions: " + Refused);
                    break;
                }
                var step = await RunStepAsync(sessions, opening!);
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

    /// <summary>MiB of memory per open session: the least-squares slope of <paramref name="measure"/> over the session count.</summary>
    public double MiBPerSession(Func<MemoryPoint, double> measure)
    {
        var points = Memory.Where(p => !double.IsNaN(measure(p))).ToList();
        if (points.Count < 2)
            return double.NaN;
        double mx = points.Average(p => p.Sessions), my = points.Average(measure);
        var sxx = points.Sum(p => (p.Sessions - mx) * (p.Sessions - mx));
        return sxx == 0 ? double.NaN : points.Sum(p => (p.Sessions - mx) * (measure(p) - my)) / sxx;
    }

    private double MiBPerSessionEstimate() =>
        MiBPerSession(p => p.RssMiB + p.ChromiumMiB) is var slope && !double.IsNaN(slope) && slope > 0 ? slope : FirstGuessMiBPerSession;

    /// <summary>
    /// Opens sessions up to <paramref name="target"/>, <see cref="LoadSettings.OpenParallel"/> at a time, all with the one
    /// signed-in storage state; stops opening (and sets <see cref="Refused"/>) when free memory falls below the reserve.
    /// </summary>
    private async Task<string> OpenAsync(IBrowser browser, string storage, List<AgentSession> sessions, int target)
    {
        var reserveMiB = settings.MinFreeGiB * 1024;
        var failed = 0;
        using var gate = new SemaphoreSlim(settings.OpenParallel);
        var clock = Stopwatch.StartNew();
        var opened = await Task.WhenAll(Enumerable.Range(sessions.Count, target - sessions.Count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                if (Refused is not null)
                    return null;
                if (Machine.AvailableMiB is var free && free < reserveMiB)
                {
                    Refused = FormattableString.Invariant(
                        $"stopped opening at session {i + 1} of {target}: {free / 1024:0.0} GiB free, below the {settings.MinFreeGiB:0.#} GiB the run keeps free");
                    return null;
                }
                return await AgentSession.OpenAsync(browser, settings.BaseUrl, storage);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                Interlocked.Increment(ref failed);
                Console.Error.WriteLine($"  session did not open: {ex.Message.Split('\n')[0]}");
                return null;
            }
            finally
            {
                gate.Release();
            }
        }));
        sessions.AddRange(opened.OfType<AgentSession>());
        var took = clock.Elapsed.TotalSeconds;
        // What the open sessions cost Chromium while nobody types: the floor under every step.
        var idle = new CpuWindow(settings.AppPid, settings.PostgresPid);
        await Task.Delay(IdleWindow);
        return FormattableString.Invariant($"opened in {took:0} s, {settings.OpenParallel} at a time; idle: Chromium CPU {idle.ToolPartPercent(ChromiumName):0} %, app {idle.Percent().App:0} %") +
            (failed > 0 ? $", {failed} failed to open" : "");
    }

    private async Task<StepResult> RunStepAsync(List<AgentSession> sessions, string opening)
    {
        var record = new AgentSession.SessionRecorders();
        var cpu = new CpuWindow(settings.AppPid, settings.PostgresPid);
        var load = Machine.LoadAverage1;
        var clock = Stopwatch.StartNew();
        var until = DateTime.UtcNow + settings.SessionStepDuration;
        var errors = await Task.WhenAll(sessions.Select((s, i) =>
            s.WorkAsync(until, settings.Pace, new Random(i * 7919 + sessions.Count), tickets, record)));
        var seconds = clock.Elapsed.TotalSeconds;
        var (app, pg, tool) = cpu.Percent();
        var chromiumCpu = cpu.ToolPartPercent(ChromiumName);
        var memory = RecordMemory(sessions.Count);
        var open = record.Opens.Summarize();
        var note = FormattableString.Invariant(
            $"ticket open p50 {open.P50:0} / p99 {open.P99:0} ms ({open.Count}); {record.Searches} searches; app RSS {memory.RssMiB:0} MiB, anon {memory.AnonMiB:0} MiB; Chromium {memory.ChromiumMiB:0} MiB, CPU {chromiumCpu:0} %; {opening}");
        return new StepResult("sessions", sessions.Count, seconds, record.Keystrokes.Count, errors.Sum(), record.Keystrokes.Summarize(),
            Math.Max(load, Machine.LoadAverage1), app, pg, tool, note)
        {
            TicketOpen = open, AppRssMiB = memory.RssMiB, AppAnonMiB = memory.AnonMiB,
            Searches = record.Searches, ChromiumCpuPercent = chromiumCpu, ChromiumMiB = memory.ChromiumMiB,
        };
    }

    private const string ChromiumName = "chromium";

    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);

    private MemoryPoint RecordMemory(int sessions)
    {
        var chromium = ProcStats.CpuSeconds(Environment.ProcessId, true).Keys.Where(p => ProcStats.Name(p) == ChromiumName)
            .Select(ProcStats.PssMiB).Where(m => !double.IsNaN(m)).Sum();
        var point = settings.AppPid is { } pid
            ? new MemoryPoint(sessions, ProcStats.RssMiB(pid), ProcStats.AnonMiB(pid), chromium)
            : new MemoryPoint(sessions, double.NaN, double.NaN, chromium);
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
