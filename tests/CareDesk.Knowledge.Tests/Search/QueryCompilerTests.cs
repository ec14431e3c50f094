using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;

namespace CareDesk.Knowledge.Tests.Search;

public class QueryCompilerTests
{
    [Fact]
    public void Compile_PrefixWithManyWords_ExpandsToTheMostFrequentFirstInOrdinalOrder()
    {
        // Twenty words beginning with سجل, the i-th in (i mod 7) + 1 documents: ties decide too.
        var words = Enumerable.Range(0, 20).Select(i => "سجل" + "ابتثجحخدذرسشصضطظعغفق"[i]).ToArray();
        var docs = new List<IndexDocument>();
        for (var i = 0; i < words.Length; i++)
        {
            for (var d = 0; d <= i % 7; d++)
            {
                docs.Add(IndexDocument.FromText($"{i}-{d}", words[i] + " نص"));
            }
        }

        var index = KnowledgeIndex.Build(docs);
        var clauses = new List<Clause>();
        QueryCompiler.Compile(index, "سجل", prefix: true, new List<AnalyzedToken>(), clauses);
        var expected = words.Select((w, i) => (w, Df: (i % 7) + 1))
            .OrderByDescending(x => x.Df).ThenBy(x => x.w, StringComparer.Ordinal)
            .Take(index.Options.MaxPrefixExpansions).Select(x => x.w);
        Assert.Equal(expected, clauses.Where(c => c.Kind == ClauseKind.Prefix).Select(c => c.Term));
    }

    [Fact]
    public void Compile_PrefixOfAMatchedStem_LeavesOutItsInflections()
    {
        string[] words = ["سجل", "سجلات", "سجلها", "سجلماسة", "سجلمان"];
        var index = KnowledgeIndex.Build(words.Select((w, i) => IndexDocument.FromText($"d{i}", w)));
        var stem = index.Analyzer.AnalyzeWord("سجل").Stem;
        var clauses = new List<Clause>();
        QueryCompiler.Compile(index, "سجل", prefix: true, new List<AnalyzedToken>(), clauses);

        Assert.Contains(clauses, c => c.Kind == ClauseKind.Stem && c.Term == stem);
        var expected = words.Select(index.Analyzer.AnalyzeWord)
            .Where(a => a.Term != "سجل" && index.ResolveStem(a.Stem) != stem).Select(a => a.Term).Order(StringComparer.Ordinal);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, clauses.Where(c => c.Kind == ClauseKind.Prefix).Select(c => c.Term).Order(StringComparer.Ordinal));
    }
}
