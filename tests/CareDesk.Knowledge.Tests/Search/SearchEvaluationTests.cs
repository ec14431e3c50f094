using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;
using Xunit.Abstractions;

namespace CareDesk.Knowledge.Tests.Search;

/// <summary>The quality targets of issue 3, measured on the shared evaluation sets.</summary>
public class SearchEvaluationTests(ITestOutputHelper output)
{
    private static SynonymTable Synonyms => SynonymTable.Load(Path.Combine(TestPaths.RepoRoot, "seeds", "synonyms.json"));

    [Fact]
    public void Run_Q2qParaphrases_MeetsTargets()
    {
        var dir = Path.Combine(TestPaths.SearchEval, "q2q");
        var index = KnowledgeIndex.Build(SearchEvaluation.ReadCorpus(Path.Combine(dir, "corpus.tsv")), Synonyms);
        var report = SearchEvaluation.Run(index, SearchEvaluation.ReadQueries(Path.Combine(dir, "queries.tsv")), byTopic: false);
        output.WriteLine(report.Summary);
        Assert.Equal(1109, report.Count);
        Assert.True(report.Mrr >= 0.72, report.Summary);
        Assert.True(report.Top3 >= 0.80, report.Summary);

        // Speed is measured by the benchmarks and eval-search (docs/search.md), not asserted here:
        // a test's timing depends on what else the machine is doing.
        output.WriteLine($"mean {report.MeanMicroseconds:0.0} µs a query");
    }

    [Fact]
    public void Run_DevQueriesOnFaqContent_MeetsTargets()
    {
        var loaded = FaqContentLoader.LoadDirectory(Path.Combine(TestPaths.RepoRoot, "content", "faq"));
        var articles = loaded.Articles.Where(a => a.Status == "published").ToList();
        var queries = SearchEvaluation.ReadQueries(Path.Combine(TestPaths.SearchEval, "dev.tsv"));
        var covered = articles.Select(a => a.Topic).ToHashSet(StringComparer.Ordinal);
        var uncovered = queries.SelectMany(q => q.Relevant).Where(t => !covered.Contains(t)).Distinct().Order().ToList();
        var report = SearchEvaluation.Run(KnowledgeIndex.Build(articles, Synonyms), queries, byTopic: true);
        output.WriteLine(report.Summary);
        foreach (var miss in report.Misses)
        {
            output.WriteLine($"miss rank={miss.Rank} want={string.Join(',', miss.Expected)} got={string.Join(',', miss.Got)} {miss.Query}");
        }

        var why = uncovered.Count == 0 ? report.Summary : $"{report.Summary}; topics with no published article yet: {string.Join(", ", uncovered)}";
        Assert.True(report.Top3 >= 0.95, why);
        Assert.True(report.Top1 >= 0.85, why);
    }

    /// <summary>
    /// Questions as agents type them in the console, written before the synonym-concept change and
    /// never tuned on (docs/search.md): before it top1 0.786, top3 0.874, MRR 0.849; after it 0.806,
    /// 0.864, 0.858. The thresholds sit just below the latter, to catch a change that loses ground.
    /// </summary>
    [Fact]
    public void Run_ConsoleHeldOutQuestions_StaysAtItsLevel()
    {
        var loaded = FaqContentLoader.LoadDirectory(Path.Combine(TestPaths.RepoRoot, "content", "faq"));
        var articles = loaded.Articles.Where(a => a.Status == "published").ToList();
        var queries = SearchEvaluation.ReadQueries(Path.Combine(TestPaths.RepoRoot, "tests", "CareDesk.Knowledge.Tests", "Data", "console-heldout.tsv"));
        var report = SearchEvaluation.Run(KnowledgeIndex.Build(articles, Synonyms), queries, byTopic: true);
        output.WriteLine(report.Summary);
        foreach (var miss in report.Misses)
        {
            output.WriteLine($"miss rank={miss.Rank} want={string.Join(',', miss.Expected)} got={string.Join(',', miss.Got)} {miss.Query}");
        }

        Assert.True(report.Count >= 80, report.Summary);
        Assert.Equal(articles.Select(a => a.Topic).ToHashSet(), queries.SelectMany(q => q.Relevant).ToHashSet());
        Assert.True(report.Top1 >= 0.80, report.Summary);
        Assert.True(report.Top3 >= 0.86, report.Summary);
        Assert.True(report.Mrr >= 0.85, report.Summary);
    }
}
