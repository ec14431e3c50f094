using System.Runtime.CompilerServices;
using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Index;

namespace CareDesk.Knowledge.Search;

/// <summary>
/// Searches the current <see cref="KnowledgeIndex"/> snapshot. A rebuilt snapshot is published with
/// <see cref="Swap"/>: searches already running finish on the snapshot they started with, new ones see
/// the new one, and nothing ever waits for a rebuild. Thread-safe; register one per process.
/// </summary>
public sealed class SearchEngine
{
    private KnowledgeIndex _current;

    /// <summary>Starts with <paramref name="index"/> (or an empty index).</summary>
    public SearchEngine(KnowledgeIndex? index = null)
    {
        _current = index ?? KnowledgeIndex.Empty;
    }

    /// <summary>The snapshot new searches use.</summary>
    public KnowledgeIndex Current => Volatile.Read(ref _current);

    /// <summary>Publishes <paramref name="next"/> and returns the snapshot it replaced.</summary>
    public KnowledgeIndex Swap(KnowledgeIndex next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Interlocked.Exchange(ref _current, next);
    }

    /// <summary>Ranks the documents of the current snapshot for <paramref name="request"/>.</summary>
    public SearchResult Search(SearchRequest request) => Search(Current, request);

    /// <summary>Ranks the documents of <paramref name="index"/> for <paramref name="request"/>.</summary>
    // Fully optimized from the first call: the hot loop should not wait for tiered compilation.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SearchResult Search(KnowledgeIndex index, SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(request);
        var s = SearchScratch.Get();
        QueryCompiler.Compile(index, request.Query, request.Prefix, s.Tokens, s.Clauses);
        var top = s.Top;
        top.Reset(request.Top);
        var total = Ranker.Best(index, s.Clauses, request, s, top);
        var hits = new SearchHit[top.Count];
        var wanted = s.Snippet.Wanted;
        if (request.Snippets && hits.Length > 0)
        {
            Snippets.Wanted(index, s.Clauses, wanted);
            Snippets.Filter(wanted, s.Snippet.Filter);
        }

        for (var i = 0; i < hits.Length; i++)
        {
            var doc = index.Documents[top.DocAt(i)];
            var snippet = request.Snippets ? Snippets.Build(index, top.DocAt(i), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(wanted), s.Snippet) : "";
            hits[i] = new SearchHit(doc.Id, doc.Topic, doc.Title, top.ScoreAt(i), snippet);
        }

        return new SearchResult(hits, total);
    }

    /// <summary>How the document <paramref name="id"/> scores for <paramref name="query"/>; null when it is not indexed.</summary>
    public Explanation? Explain(string query, string id, bool prefix = true) => Explain(Current, query, id, prefix);

    /// <summary>How the document <paramref name="id"/> of <paramref name="index"/> scores for <paramref name="query"/>.</summary>
    public static Explanation? Explain(KnowledgeIndex index, string query, string id, bool prefix = true)
    {
        ArgumentNullException.ThrowIfNull(index);
        var doc = index.IndexOf(id);
        if (doc < 0)
        {
            return null;
        }

        var tokens = new List<AnalyzedToken>();
        var clauses = new List<Clause>();
        QueryCompiler.Compile(index, query, prefix, tokens, clauses);
        var lines = new List<ExplanationLine>();
        foreach (var c in clauses)
        {
            var ts = c.Postings.ScoreOf(doc);
            if (ts > 0)
            {
                lines.Add(new ExplanationLine(c.Kind.ToString().ToLowerInvariant(), c.Term, c.Weight, ts, c.Postings.Idf, c.Postings.DocFrequency, c.Weight * ts));
            }
        }

        return new Explanation(id, lines.Sum(l => l.Contribution), lines);
    }
}
