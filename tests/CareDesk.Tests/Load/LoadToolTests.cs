using System.Text.RegularExpressions;
using CareDesk.Knowledge.Callers;
using CareDesk.Load;

namespace CareDesk.Tests.Load;

/// <summary>
/// The load tool's arithmetic and inputs (bench/CareDesk.Load; its files are compiled in here): percentiles,
/// the synthetic callers' ID numbers, the pgbench scripts' variables and the loopback-only arguments.
/// No load is generated and nothing is timed.
/// </summary>
public sealed class LoadToolTests
{
    [Fact]
    public void From_OneToHundred_NearestRankPercentiles()
    {
        var s = LatencySummary.From(Enumerable.Range(1, 100).Select(i => (double)i).Reverse());

        Assert.Equal((100, 50.5, 50.0, 90.0, 99.0, 100.0), (s.Count, s.Mean, s.P50, s.P90, s.P99, s.Max));
    }

    [Fact]
    public void From_FewerThanHundred_P99IsTheLargest()
    {
        var s = LatencySummary.From([5, 1, 3]);

        Assert.Equal((3.0, 5.0, 5.0, 5.0), (s.P50, s.P90, s.P99, s.Max));
    }

    [Fact]
    public void From_Nothing_IsEmpty()
    {
        Assert.Equal(0, LatencySummary.From([]).Count);
        Assert.True(double.IsNaN(LatencySummary.From([]).P99));
    }

    [Fact]
    public void Summarize_AddedFromManyTasks_KeepsEveryTiming()
    {
        var recorder = new LatencyRecorder();

        Parallel.For(0, 10_000, i => recorder.Add(i % 100));

        Assert.Equal(10_000, recorder.Summarize().Count);
        Assert.Equal(98, recorder.Summarize().P99);
    }

    [Fact]
    public void NationalId_Generated_PassesTheAppsCheck()
    {
        var random = new Random(1);
        for (var i = 0; i < 1000; i++)
        {
            var id = Ids.NationalId(random);
            Assert.True(NationalId.TryParse(id, out var parsed, out var problem), $"{id}: {problem?.Code}");
            Assert.Equal(IdHolder.Citizen, parsed.Holder);
        }
    }

    [Fact]
    public void Scripts_PgBenchVariables_OnlyTheScriptsOwn()
    {
        // pgbench takes ':' + letters/digits/non-ASCII as a variable anywhere, literals included (and '::' as a cast).
        foreach (var (name, script) in PgBenchScripts.Scripts)
        {
            var variables = Regex.Matches(script.Replace("::", " "), @":([A-Za-z0-9_\u0080-\uFFFF]+)").Select(m => m.Groups[1].Value).Distinct().Order();
            Assert.True(variables.All(v => v is "nid" or "tid"), $"{name}: {string.Join(", ", variables)}");
        }
    }

    [Theory]
    [InlineData("http://10.0.0.5:5080")]
    [InlineData("http://example.com")]
    public void Parse_NotLoopback_Refused(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => LoadSettings.Parse(["search", "--url", url, "--key", "k"]));
        Assert.Contains("loopback", ex.Message);
    }

    [Fact]
    public void Parse_RemoteDatabase_Refused() =>
        Assert.Throws<ArgumentException>(() => LoadSettings.Parse(["intake", "--url", "http://127.0.0.1:5080", "--key", "k", "--pg", "Host=db.example;Username=x"]));

    [Fact]
    public void Parse_Quick_ShortBoundedSteps()
    {
        var s = LoadSettings.Parse(["all", "--url", "http://127.0.0.1:5080", "--key", "k", "--quick", "--concurrency", "1,8"]);

        Assert.Equal([1, 8], s.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(4), s.StepDuration);
        Assert.Equal([5, 10], s.Sessions);
        Assert.True(s.MaxRequestsPerStep > 0);
    }

    [Fact]
    public void Parse_UnknownOption_Refused() =>
        Assert.Throws<ArgumentException>(() => LoadSettings.Parse(["search", "--url", "http://127.0.0.1:1", "--key", "k", "--threads", "4"]));

    [Fact]
    public void Parse_Sessions_NonstopAsBefore()
    {
        var s = LoadSettings.Parse(["sessions", "--url", "http://127.0.0.1:5080", "--key", "k"]);

        Assert.Equal(TimeSpan.Zero, s.Pace);
        Assert.Equal([5, 10, 20, 40, 80], s.Sessions);
        Assert.Equal(TimeSpan.FromSeconds(20), s.SessionStepDuration);
    }

    [Fact]
    public void Parse_SessionsPaced_ThinkTimeAndLargerSteps()
    {
        var s = LoadSettings.Parse(["sessions-paced", "--url", "http://127.0.0.1:5080", "--key", "k"]);

        Assert.Equal(TimeSpan.FromSeconds(LoadSettings.PacedThinkSeconds), s.Pace);
        Assert.Equal([25, 50, 100, 150, 200], s.Sessions);
        Assert.Equal(TimeSpan.FromSeconds(60), s.SessionStepDuration);
    }

    [Fact]
    public void Parse_SessionsPacedQuick_ShortSteps()
    {
        var s = LoadSettings.Parse(["sessions-paced", "--url", "http://127.0.0.1:5080", "--key", "k", "--quick"]);

        Assert.Equal([10, 25], s.Sessions);
        Assert.Equal(TimeSpan.FromSeconds(20), s.SessionStepDuration);
    }

    [Fact]
    public void Parse_PaceGiven_Fractional()
    {
        var s = LoadSettings.Parse(["sessions", "--url", "http://127.0.0.1:5080", "--key", "k", "--pace", "2.5", "--open-parallel", "8"]);

        Assert.Equal(TimeSpan.FromSeconds(2.5), s.Pace);
        Assert.Equal(8, s.OpenParallel);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("soon")]
    public void Parse_PaceNotANumber_Refused(string pace) =>
        Assert.Throws<ArgumentException>(() => LoadSettings.Parse(["sessions", "--url", "http://127.0.0.1:5080", "--key", "k", "--pace", pace]));

    [Fact]
    public void ThinkTime_Paced_WithinHalfEitherSide()
    {
        var random = new Random(3);
        var thinks = Enumerable.Range(0, 1000).Select(_ => Pacing.ThinkTime(TimeSpan.FromSeconds(6), random).TotalSeconds).ToList();

        Assert.All(thinks, t => Assert.InRange(t, 3.0, 9.0));
        Assert.InRange(thinks.Average(), 5.7, 6.3);
    }

    [Fact]
    public void ThinkTime_NoPace_Zero()
    {
        Assert.Equal(TimeSpan.Zero, Pacing.ThinkTime(TimeSpan.Zero, new Random(1)));
        Assert.Equal(TimeSpan.Zero, Pacing.FirstThink(TimeSpan.Zero, new Random(1)));
    }

    [Fact]
    public void Refusal_Fits_Null() =>
        Assert.Null(MemoryFit.Refusal(step: 50, adding: 25, mibPerSession: 100, availableMiB: 20_000, reserveMiB: 6_144));

    [Fact]
    public void Refusal_WouldEatTheReserve_SaysWhy()
    {
        var refusal = MemoryFit.Refusal(step: 200, adding: 100, mibPerSession: 100, availableMiB: 15_000, reserveMiB: 6_144);

        Assert.NotNull(refusal);
        Assert.Contains("200-session step is refused", refusal);
        Assert.Contains("9.8 GiB", refusal);
    }
}
