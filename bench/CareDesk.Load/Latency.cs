namespace CareDesk.Load;

/// <summary>
/// Percentiles of recorded timings, exact (every timing is kept and sorted; no buckets): nearest rank,
/// so p99 of 100 values is the 99th smallest and p99 of fewer than 100 values is the largest.
/// </summary>
public sealed record LatencySummary(int Count, double Mean, double P50, double P90, double P99, double Max)
{
    public static readonly LatencySummary Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public static LatencySummary From(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0)
            return Empty;
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, sorted.Average(), Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile of an ascending array: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

/// <summary>Timings in milliseconds added from many tasks at once.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _ms = [];

    public void Add(double ms)
    {
        lock (_ms)
            _ms.Add(ms);
    }

    public int Count
    {
        get
        {
            lock (_ms)
                return _ms.Count;
        }
    }

    public LatencySummary Summarize()
    {
        lock (_ms)
            return LatencySummary.From(_ms);
    }
}
