namespace CareDesk.Features.Health;

/// <summary>
/// Background work run every <see cref="Interval"/> on every node (each job is safe to run on several
/// at once). A failed run is retried at the next interval: during a database outage that costs one
/// warning line per interval, not a stack trace; anything else is logged as an error.
/// </summary>
public abstract class PeriodicJob(ILogger logger) : BackgroundService
{
    /// <summary>Time between the end of one run and the start of the next (the first run is at start).</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>False when the job is switched off by its settings: it then never runs.</summary>
    protected virtual bool Enabled => true;

    /// <summary>What the job does, for the log: "Escalation sweep".</summary>
    protected abstract string Name { get; }

    /// <summary>One run.</summary>
    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && DatabaseFailure.Classify(ex) is { } kind)
            {
                logger.LogWarning("{Job} skipped: database {Kind}: {Error}", Name, kind, DatabaseFailure.Describe(ex));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "{Job} failed; retrying at the next interval", Name);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
