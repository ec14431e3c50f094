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
        var s = Scratch.For(index.Count);
        QueryCompiler.Compile(index, request.Query, request.Prefix, s.Tokens, s.Clauses);
        var acc = s.Scores;
        var touched = s.Touched;
        var touchedCount = 0;
        foreach (var clause in s.Clauses)
        {
            var docs = clause.Postings.Docs;
            var scores = clause.Postings.Scores;
            var w = clause.Weight;
            for (var i = 0; i < docs.Length; i++)
            {
                var d = docs[i];
                if (acc[d] == 0f)
                {
                    touched[touchedCount++] = d;
                }

                acc[d] += w * scores[i];
            }
        }

        var top = Math.Max(0, request.Top);
        var bestDocs = new int[top];
        var bestScores = new float[top];
        var filled = 0;
        var total = 0;
        var filtered = request.CaseType is not null || request.Agency is not null || request.Channel is not null;
        for (var i = 0; i < touchedCount; i++)
        {
            var d = touched[i];
            var score = acc[d];
            acc[d] = 0f;
            if (filtered && !Passes(index.Documents[d], request))
            {
                continue;
            }

            total++;
            if (top == 0 || (filled == top && !Better(score, d, bestScores[top - 1], bestDocs[top - 1])))
            {
                continue;
            }

            var j = filled < top ? filled++ : top - 1;
            while (j > 0 && Better(score, d, bestScores[j - 1], bestDocs[j - 1]))
            {
                bestScores[j] = bestScores[j - 1];
                bestDocs[j] = bestDocs[j - 1];
                j--;
            }

            bestScores[j] = score;
            bestDocs[j] = d;
        }

        var hits = new SearchHit[filled];
        for (var i = 0; i < filled; i++)
        {
            var doc = index.Documents[bestDocs[i]];
            var snippet = request.Snippets ? Snippets.Build(index, doc, s.Clauses) : "";
            hits[i] = new SearchHit(doc.Id, doc.Topic, doc.Title, bestScores[i], snippet);
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

    private static bool Better(float score, int doc, float otherScore, int otherDoc) =>
        score > otherScore || (score == otherScore && doc < otherDoc);

    private static bool Passes(IndexDocument doc, SearchRequest r) =>
        (r.CaseType is null || Has(doc.CaseTypes, r.CaseType))
        && (r.Agency is null || Has(doc.Agencies, r.Agency))
        && (r.Channel is null || Has(doc.Channels, r.Channel));

    private static bool Has(IReadOnlyList<string> values, string wanted)
    {
        foreach (var v in values)
        {
            if (string.Equals(v, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _instance;

        private Scratch(int size)
        {
            Scores = new float[size];
            Touched = new int[size];
        }

        public float[] Scores { get; }

        public int[] Touched { get; }

        public List<AnalyzedToken> Tokens { get; } = new(16);

        public List<Clause> Clauses { get; } = new(64);

        public static Scratch For(int size)
        {
            var s = _instance;
            if (s is null || s.Scores.Length < size)
            {
                _instance = s = new Scratch(Math.Max(size, 16));
            }

            return s;
        }
    }
}
