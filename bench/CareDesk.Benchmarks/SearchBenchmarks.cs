using BenchmarkDotNet.Attributes;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;

namespace CareDesk.Benchmarks;

/// <summary>Index sizes: 1k, 10k, 100k, or the comma-separated list in <c>CAREDESK_BENCH_SIZES</c>.</summary>
public static class BenchmarkSizes
{
    public static IEnumerable<int> Values =>
        (Environment.GetEnvironmentVariable("CAREDESK_BENCH_SIZES") ?? "1000,10000,100000").Split(',').Select(int.Parse);
}

/// <summary>Mean query latency (200 different queries per operation batch) at each index size.</summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private const int QueryCount = 200;
    private KnowledgeIndex _index = KnowledgeIndex.Empty;
    private SearchRequest[] _requests = [];

    public static IEnumerable<int> Sizes => BenchmarkSizes.Values;

    [ParamsSource(nameof(Sizes))]
    public int Articles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var gen = new SyntheticArticles();
        var articles = gen.Articles(Articles);
        _index = KnowledgeIndex.Build(articles);
        _requests = gen.Queries(articles, QueryCount).Select(q => new SearchRequest { Query = q, Prefix = true, Snippets = false }).ToArray();
    }

    [Benchmark(OperationsPerInvoke = QueryCount, Description = "Search (ranking only)")]
    public int Search()
    {
        var n = 0;
        foreach (var r in _requests)
        {
            n += SearchEngine.Search(_index, r).Hits.Count;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = QueryCount, Description = "Search + snippets")]
    public int SearchWithSnippets()
    {
        var n = 0;
        foreach (var r in _requests)
        {
            n += SearchEngine.Search(_index, r with { Snippets = true }).Hits.Count;
        }

        return n;
    }
}

/// <summary>Time to build an index snapshot from articles already in memory.</summary>
[MemoryDiagnoser]
public class BuildBenchmarks
{
    private List<FaqArticle> _articles = [];

    public static IEnumerable<int> Sizes => BenchmarkSizes.Values;

    [ParamsSource(nameof(Sizes))]
    public int Articles { get; set; }

    [GlobalSetup]
    public void Setup() => _articles = new SyntheticArticles().Articles(Articles);

    [Benchmark]
    public int Build() => KnowledgeIndex.Build(_articles).Count;
}
