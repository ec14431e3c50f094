using CareDesk.Features.Health;

namespace CareDesk.Features.Knowledge.Reminders;

/// <summary>
/// Checks every <see cref="ReviewReminderOptions.Interval"/> whether today's (Riyadh date) review
/// reminders are written, and writes them if no node has yet. A failed run is retried at the next
/// interval (<see cref="PeriodicJob"/>).
/// </summary>
public sealed class ReviewReminderJob(
    ReviewReminders reminders,
    ReviewReminderOptions options,
    TimeProvider time,
    ILogger<ReviewReminderJob> logger) : PeriodicJob(logger)
{
    private static readonly TimeSpan Riyadh = TimeSpan.FromHours(3);

    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}";

    protected override bool Enabled => options.Enabled;

    protected override TimeSpan Interval => options.Interval;

    protected override string Name => "Review reminder run";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Riyadh).DateTime);
        if (await reminders.RunDayAsync(today, _node, ct) is { } written)
            logger.LogInformation("Review reminders for {Day}: {Count} article(s) past their review date", today, written);
    }
}
