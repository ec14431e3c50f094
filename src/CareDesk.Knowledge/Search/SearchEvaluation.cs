using System.Diagnostics;
using CareDesk.Knowledge.Index;

namespace CareDesk.Knowledge.Search;

/// <summary>One judged query: the ids (or topic slugs) of its correct answers.</summary>
/// <param name="Query">The query text.</param>
/// <param name="Relevant">Correct ids or topics.</param>
public sealed record EvalQuery(string Query, IReadOnlyList<string> Relevant);

/// <summary>A query whose correct answer is not in the top 3.</summary>
/// <param name="Query">The query text.</param>
/// <param name="Rank">1-based rank of the first correct hit within the top 10, or 0.</param>
/// <param name="Expected">The correct ids or topics.</param>
/// <param name="Got">The keys of the first three hits.</param>
public sealed record EvalMiss(string Query, int Rank, IReadOnlyList<string> Expected, IReadOnlyList<string> Got);

/// <summary>Quality and speed over a query set.</summary>
/// <param name="Top1">Share of queries with a correct first hit.</param>
/// <param name="Top3">Share with a correct hit in the first three.</param>
/// <param name="Mrr">Mean reciprocal rank of the first correct hit within ten.</param>
/// <param name="Count">Number of queries.</param>
/// <param name="MeanMicroseconds">Mean time of one search (ranking only, no snippets), single thread.</param>
/// <param name="Misses">Queries whose answer is not in the first three.</param>
public sealed record EvalReport(double Top1, double Top3, double Mrr, int Count, double MeanMicroseconds, IReadOnlyList<EvalMiss> Misses)
{
    /// <summary>The one-line summary: <c>top1=… top3=… mrr=… n=… mean_us=…</c>.</summary>
    public string Summary => FormattableString.Invariant($"top1={Top1:0.000} top3={Top3:0.000} mrr={Mrr:0.000} n={Count} mean_us={MeanMicroseconds:0.0}");
}

/// <summary>Runs judged query sets against an index (the <c>eval-search</c> verb and the eval tests).</summary>
public static class SearchEvaluation
{
    /// <summary>Reads <c>query&lt;TAB&gt;key[,key…]</c> lines; a header line (<c>query</c> first) is skipped.</summary>
    public static IReadOnlyList<EvalQuery> ReadQueries(string path)
    {
        var result = new List<EvalQuery>();
        foreach (var line in File.ReadLines(path))
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || line.StartsWith("query\t", StringComparison.Ordinal))
            {
                continue;
            }

            var keys = line[(tab + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            result.Add(new EvalQuery(line[..tab], keys));
        }

        return result;
    }

    /// <summary>Reads an <c>id&lt;TAB&gt;text</c> corpus (header <c>id</c> skipped) as one-field documents.</summary>
    public static IReadOnlyList<IndexDocument> ReadCorpus(string path)
    {
        var result = new List<IndexDocument>();
        foreach (var line in File.ReadLines(path))
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0 || line.StartsWith("id\t", StringComparison.Ordinal))
            {
                continue;
            }

            result.Add(IndexDocument.FromText(line[..tab], line[(tab + 1)..]));
        }

        return result;
    }

    /// <summary>
    /// Searches every query (once to warm up, once timed) and scores the ranking against the judged
    /// keys: document ids, or topics when <paramref name="byTopic"/>.
    /// </summary>
    public static EvalReport Run(KnowledgeIndex index, IReadOnlyList<EvalQuery> queries, bool byTopic, bool prefix = false)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(queries);
        var requests = queries.Select(q => new SearchRequest { Query = q.Query, Top = 10, Prefix = prefix, Snippets = false }).ToArray();
        foreach (var r in requests)
        {
            SearchEngine.Search(index, r);
        }

        double top1 = 0, top3 = 0, mrr = 0;
        long ticks = 0;
        var misses = new List<EvalMiss>();
        for (var i = 0; i < requests.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = SearchEngine.Search(index, requests[i]);
            ticks += Stopwatch.GetTimestamp() - start;
            var keys = result.Hits.Select(h => byTopic ? h.Topic : h.Id).ToList();
            var rank = keys.FindIndex(k => queries[i].Relevant.Contains(k, StringComparer.Ordinal)) + 1;
            top1 += rank == 1 ? 1 : 0;
            top3 += rank is >= 1 and <= 3 ? 1 : 0;
            mrr += rank >= 1 ? 1.0 / rank : 0;
            if (rank is 0 or > 3)
            {
                misses.Add(new EvalMiss(queries[i].Query, rank, queries[i].Relevant, keys.Take(3).ToList()));
            }
        }

        var n = Math.Max(1, requests.Length);
        var meanUs = ticks * 1_000_000.0 / Stopwatch.Frequency / n;
        return new EvalReport(top1 / n, top3 / n, mrr / n, requests.Length, meanUs, misses);
    }
}
