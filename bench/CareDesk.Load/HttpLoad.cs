using System.Diagnostics;
using System.Net;

namespace CareDesk.Load;

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each send a request, wait for its answer and send the
/// next, for a bounded time and count. Every request's latency is recorded; a warm-up at the same
/// concurrency runs first and is not counted.
/// </summary>
public sealed class HttpLoad(LoadSettings settings)
{
    /// <summary>A request: returns true when the answer was the expected success.</summary>
    public delegate Task<bool> Request(HttpClient http, int worker, long sequence, CancellationToken ct);

    /// <summary>One client for the whole run: pooled keep-alive connections (one per worker at most), no proxy, no cookies.</summary>
    public static HttpClient CreateClient(string baseUrl, string apiKey) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        MaxConnectionsPerServer = 1024,
    })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { { "Authorization", "Bearer " + apiKey } },
    };

    public async Task<StepResult> RunAsync(string scenario, HttpClient http, int concurrency, Request request)
    {
        await RunWorkersAsync(http, concurrency, settings.Warmup, settings.MaxRequestsPerStep, request, null);
        var latency = new LatencyRecorder();
        var cpu = new CpuWindow(settings.AppPid, settings.PostgresPid);
        var load = Machine.LoadAverage1;
        var clock = Stopwatch.StartNew();
        var (ok, errors) = await RunWorkersAsync(http, concurrency, settings.StepDuration, settings.MaxRequestsPerStep, request, latency);
        var seconds = clock.Elapsed.TotalSeconds;
        var (app, pg, tool) = cpu.Percent();
        return new StepResult(scenario, concurrency, seconds, ok, errors, latency.Summarize(), Math.Max(load, Machine.LoadAverage1), app, pg, tool);
    }

    private static async Task<(int Ok, int Errors)> RunWorkersAsync(HttpClient http, int concurrency, TimeSpan duration, int maxRequests,
        Request request, LatencyRecorder? latency)
    {
        if (duration <= TimeSpan.Zero)
            return (0, 0);
        long issued = 0;
        int ok = 0, errors = 0;
        using var stop = new CancellationTokenSource(duration);
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var sequence = Interlocked.Increment(ref issued);
                if (sequence > maxRequests)
                    break;
                var start = Stopwatch.GetTimestamp();
                bool success;
                try
                {
                    // The step's end does not cancel a request in flight: a cut-off answer would count as an error.
                    success = await request(http, worker, sequence, CancellationToken.None);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    success = false;
                }
                latency?.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (success)
                    Interlocked.Increment(ref ok);
                else
                    Interlocked.Increment(ref errors);
            }
        })).ToList();
        await Task.WhenAll(workers);
        return (ok, errors);
    }
}
