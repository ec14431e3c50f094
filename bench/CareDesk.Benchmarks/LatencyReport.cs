using System.Diagnostics;
using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;

namespace CareDesk.Benchmarks;

/// <summary>
/// What BenchmarkDotNet does not report directly: the distribution of single-query latencies (mean,
/// p50, p99, max, over 2,000 queries each timed alone) and the memory an index snapshot keeps.
/// </summary>
public static class LatencyReport
{
    /// <summary>
    /// Times every query <paramref name="repeats"/> times (one pass after another) and keeps each
    /// query's fastest: on a machine others are building on, a single pass mostly measures the
    /// milliseconds a query waits for a core; the fastest of three is what the search itself costs.
    /// With <paramref name="full"/>, each size gets a second row, timed on the same index: the whole search
    /// as the agent console and <c>GET /api/faq/search</c> run it (<see cref="FullSearch"/>: top 10 with
    /// highlighted snippets, the last word as a prefix), not only the ranking.
    /// </summary>
    public static void Run(int[] sizes, int repeats = 1, bool full = false)
    {
        Console.WriteLine("| articles | search | build ms | retained MB | MB per 10k | mean µs | p50 µs | p99 µs | max µs | over 1 ms |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            var gen = new SyntheticArticles();
            var articles = gen.Articles(size);
            var texts = gen.Queries(articles, 2_000);
            var queries = texts.Select(q => new SearchRequest { Query = q, Prefix = true, Snippets = false }).ToArray();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalMemory(true);
            var sw = Stopwatch.StartNew();
            var index = KnowledgeIndex.Build(articles);
            var buildMs = sw.Elapsed.TotalMilliseconds;
            var retained = (GC.GetTotalMemory(true) - before) / 1024.0 / 1024.0;
            Time(size, "ranking", buildMs, retained, index, queries, repeats);
            if (full)
            {
                Time(size, "full", buildMs, retained, index, texts.Select(FullSearch).ToArray(), repeats);
            }

            GC.KeepAlive(index);
        }
    }

    /// <summary>
    /// The request the agent console sends for what the agent typed (<c>ConsolePage.RunSearch</c>: top 10,
    /// the defaults of <see cref="SearchRequest"/>, so prefix matching and snippets on); the API's
    /// <c>GET /api/faq/search</c> sends the same with its <c>count</c>.
    /// </summary>
    public static SearchRequest FullSearch(string query) => new() { Query = query, Top = 10 };

    private static void Time(int size, string mode, double buildMs, double retained, KnowledgeIndex index, SearchRequest[] queries, int repeats)
    {
        foreach (var q in queries)
        {
            SearchEngine.Search(index, q);
        }

        var times = new double[queries.Length];
        for (var r = 0; r < repeats; r++)
        {
            for (var i = 0; i < queries.Length; i++)
            {
                var t = Stopwatch.GetTimestamp();
                SearchEngine.Search(index, queries[i]);
                var us = (Stopwatch.GetTimestamp() - t) * 1e6 / Stopwatch.Frequency;
                times[i] = r == 0 ? us : Math.Min(times[i], us);
            }
        }

        Array.Sort(times);
        var over = times.Count(t => t > 1000);
        Console.WriteLine(FormattableString.Invariant(
            $"| {size:N0} | {mode} | {buildMs:0} | {retained:0.0} | {retained * 10_000 / size:0.0} | {times.Average():0.0} | {times[times.Length / 2]:0.0} | {times[(int)(times.Length * 0.99)]:0.0} | {times[^1]:0.0} | {over} |"));
    }
}
