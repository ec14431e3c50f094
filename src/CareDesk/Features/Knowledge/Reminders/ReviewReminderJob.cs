namespace CareDesk.Features.Knowledge.Reminders;

/// <summary>
/// Checks every <see cref="ReviewReminderOptions.Interval"/> whether today's (Riyadh date) review
/// reminders are written, and writes them if no node has yet. A failed iteration is logged and
/// retried at the next interval.
/// </summary>
public sealed class ReviewReminderJob(
    ReviewReminders reminders,
    ReviewReminderOptions options,
    TimeProvider time,
    ILogger<ReviewReminderJob> logger) : BackgroundService
{
    private static readonly TimeSpan Riyadh = TimeSpan.FromHours(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
            return;
        var node = $"{Environment.MachineName}:{Environment.ProcessId}";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Riyadh).DateTime);
                if (await reminders.RunDayAsync(today, node, stoppingToken) is { } written)
                    logger.LogInformation("Review reminders for {Day}: {Count} article(s) past their review date", today, written);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Review reminder run failed; retrying in {Interval}", options.Interval);
            }
            try
            {
                await Task.Delay(options.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
