namespace CareDesk.Features.Health;

/// <summary>
/// How a LISTEN connection waits between reconnects: 1 s, doubling, at most 10 s — quick after a
/// database restart, without hammering a server that stays away.
/// </summary>
public static class ListenerBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    public static TimeSpan Next(TimeSpan delay) => delay * 2 < Max ? delay * 2 : Max;

    /// <summary>Waits; false when the app is stopping.</summary>
    public static async Task<bool> WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
