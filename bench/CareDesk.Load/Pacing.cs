namespace CareDesk.Load;

/// <summary>An agent's think times when sessions are paced (<c>--pace</c>): uniform, so agents drift apart instead of acting in step.</summary>
public static class Pacing
{
    /// <summary>A pause of <paramref name="pace"/> ± half of it; zero without a pace.</summary>
    public static TimeSpan ThinkTime(TimeSpan pace, Random random) => pace * (0.5 + random.NextDouble());

    /// <summary>
    /// Where an agent starts in its first cycle: anywhere in the first two thinks (0 to 2 × <paramref name="pace"/>), so a
    /// step's sessions do not all type their first key at once; zero without a pace.
    /// </summary>
    public static TimeSpan FirstThink(TimeSpan pace, Random random) => pace * 2 * random.NextDouble();
}
