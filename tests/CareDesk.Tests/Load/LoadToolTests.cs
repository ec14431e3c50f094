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
}
