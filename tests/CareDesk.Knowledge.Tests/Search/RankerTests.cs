using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;

namespace CareDesk.Knowledge.Tests.Search;

/// <summary>The windowed ranking returns exactly what the one-accumulator-per-document loop returns.</summary>
public class RankerTests
{
    [Fact]
    public void Rank_Q2qQueries_SameTopKAsExhaustive()
    {
        var dir = Path.Combine(TestPaths.SearchEval, "q2q");
        var synonyms = SynonymTable.Load(Path.Combine(TestPaths.RepoRoot, "seeds", "synonyms.json"));
        var index = KnowledgeIndex.Build(SearchEvaluation.ReadCorpus(Path.Combine(dir, "corpus.tsv")), synonyms);
        var queries = SearchEvaluation.ReadQueries(Path.Combine(dir, "queries.tsv")).Select(q => q.Query).ToList();
        Assert.True(index.Count > 4 * Ranker.Window, "the corpus should span several windows");

        var compared = 0;
        foreach (var query in queries)
        {
            compared += AssertSame(index, new SearchRequest { Query = query, Prefix = false });
            compared += AssertSame(index, new SearchRequest { Query = query, Prefix = true, Top = 3 });
        }

        Assert.True(compared > 14_000, $"only {compared} hits compared");
    }

    [Fact]
    public void Rank_SyntheticArticles_SameTopKAsExhaustiveWithFiltersAndDepths()
    {
        var (index, queries) = Synthetic(3_000, 400);
        foreach (var query in queries)
        {
            AssertSame(index, new SearchRequest { Query = query });
            AssertSame(index, new SearchRequest { Query = query, Top = 1 });
            AssertSame(index, new SearchRequest { Query = query, Top = 50, Prefix = false });
            AssertSame(index, new SearchRequest { Query = query, CaseType = "c3" });
            AssertSame(index, new SearchRequest { Query = query, Agency = "g1", Channel = "phone", Top = 5 });
            AssertSame(index, new SearchRequest { Query = query, Top = 0 });
        }
    }

    [Fact]
    public void Rank_EmptyIndexAndEmptyQuery_NoHits()
    {
        var top = new TopDocs();
        top.Reset(10);
        var total = Ranker.Rank(KnowledgeIndex.Empty, [], new SearchRequest { Query = "" }, SearchScratch.Get(), top);
        Assert.Equal(0, total);
        Assert.Equal(0, top.Count);
    }

    /// <summary>Compares both rankings of <paramref name="request"/>: documents, scores (to the bit) and match counts.</summary>
    private static int AssertSame(KnowledgeIndex index, SearchRequest request)
    {
        var tokens = new List<AnalyzedToken>();
        var clauses = new List<Clause>();
        QueryCompiler.Compile(index, request.Query, request.Prefix, tokens, clauses);
        var scratch = SearchScratch.Get();
        var (expected, ranked) = (new TopDocs(), new TopDocs());
        expected.Reset(request.Top);
        ranked.Reset(request.Top);
        var expectedTotal = Ranker.Exhaustive(index, clauses, request, scratch, expected);
        var total = Ranker.Rank(index, clauses, request, scratch, ranked);
        Assert.Equal(expectedTotal, total);
        Assert.Equal(Hits(expected), Hits(ranked));
        return expected.Count;
    }

    private static List<(int Doc, float Score)> Hits(TopDocs top) =>
        Enumerable.Range(0, top.Count).Select(i => (top.DocAt(i), top.ScoreAt(i))).ToList();

    /// <summary>FAQ-shaped articles of Zipf-distributed pseudo-Arabic words with prefixes and suffixes, and queries from them (one in four misspelt).</summary>
    private static (KnowledgeIndex Index, List<string> Queries) Synthetic(int count, int queryCount)
    {
        const string letters = "ابتثجحخدذرسشصضطظعغفقكلمنهوي";
        string[] prefixes = ["", "", "ال", "وال", "بال", "و"];
        string[] suffixes = ["", "", "ات", "ة", "ها", "ين"];
        var random = new Random(19990);
        var vocabulary = Enumerable.Range(0, 5_000)
            .Select(_ => new string([.. Enumerable.Range(0, random.Next(3, 7)).Select(_ => letters[random.Next(letters.Length)])]))
            .ToArray();
        var cumulative = new double[vocabulary.Length];
        for (var i = 0; i < cumulative.Length; i++)
        {
            cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + (1.0 / (i + 1));
        }

        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ =>
        {
            var k = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            var word = vocabulary[Math.Min(k < 0 ? ~k : k, vocabulary.Length - 1)];
            return prefixes[random.Next(prefixes.Length)] + word + suffixes[random.Next(suffixes.Length)];
        }));

        var articles = Enumerable.Range(0, count).Select(i => new FaqArticle
        {
            Id = $"a{i:D5}", Topic = $"t{i % 20}", TitleAr = Text(6), Keywords = [Text(2), Text(2)], SummaryAr = Text(20), Body = Text(60),
            CaseTypes = [$"c{i % 5}"], Agencies = [$"g{i % 4}"], Channels = i % 3 == 0 ? ["phone"] : ["web"],
        }).ToList();
        var queries = new List<string>();
        for (var i = 0; i < queryCount; i++)
        {
            var a = articles[random.Next(articles.Count)];
            var words = (a.TitleAr + " " + a.SummaryAr).Split(' ');
            var n = random.Next(1, 6);
            var q = words.Skip(random.Next(words.Length - n)).Take(n).ToArray();
            if (random.Next(4) == 0)
            {
                var chars = q[0].ToCharArray();
                chars[random.Next(chars.Length)] = letters[random.Next(letters.Length)];
                q[0] = new string(chars);
            }

            queries.Add(string.Join(' ', q));
        }

        return (KnowledgeIndex.Build(articles), queries);
    }
}
