namespace CareDesk.Knowledge.Search;

/// <summary>What an agent asked for.</summary>
public sealed record SearchRequest
{
    /// <summary>The query as typed: Arabic (formal or colloquial), English words, any digits.</summary>
    public required string Query { get; init; }

    /// <summary>Most hits to return.</summary>
    public int Top { get; init; } = 10;

    /// <summary>Only documents carrying this case type code.</summary>
    public string? CaseType { get; init; }

    /// <summary>Only documents carrying this agency code.</summary>
    public string? Agency { get; init; }

    /// <summary>Only documents carrying this channel.</summary>
    public string? Channel { get; init; }

    /// <summary>Also match the last query word as the start of a longer word (while typing).</summary>
    public bool Prefix { get; init; } = true;

    /// <summary>Compute highlighted snippets for the returned hits.</summary>
    public bool Snippets { get; init; } = true;
}

/// <summary>One ranked document.</summary>
/// <param name="Id">Document id.</param>
/// <param name="Topic">Topic slug (FAQ articles).</param>
/// <param name="Title">Display title.</param>
/// <param name="Score">Ranking score (higher is better; comparable within one query only).</param>
/// <param name="Snippet">HTML-escaped text around the matches with <c>&lt;mark&gt;</c> around matched words; empty when not asked for.</param>
public sealed record SearchHit(string Id, string Topic, string Title, float Score, string Snippet);

/// <summary>The hits of one search.</summary>
/// <param name="Hits">Best first.</param>
/// <param name="TotalMatches">Documents that matched at least one query clause and passed the filters.</param>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, int TotalMatches);

/// <summary>How one document's score was made: one line per query clause that matched it.</summary>
/// <param name="Id">Document id.</param>
/// <param name="Score">Total score (the sum of the lines).</param>
/// <param name="Lines">The contributions.</param>
public sealed record Explanation(string Id, float Score, IReadOnlyList<ExplanationLine> Lines)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Score:0.000} {Id}\n" + string.Concat(Lines.Select(l => $"  {l.Contribution:0.000} = {l.Weight:0.##} × {l.TermScore:0.000} {l.Kind}:{l.Term} (idf {l.Idf:0.00}, df {l.DocFrequency})\n"));
}

/// <summary>One clause's share of a score.</summary>
/// <param name="Kind">exact, stem, phrase, synonym, fuzzy or prefix.</param>
/// <param name="Term">The indexed term that matched.</param>
/// <param name="Weight">The clause weight.</param>
/// <param name="TermScore">The term's BM25F score in the document.</param>
/// <param name="Idf">The term's IDF.</param>
/// <param name="DocFrequency">Documents holding the term.</param>
/// <param name="Contribution">Weight × term score.</param>
public sealed record ExplanationLine(string Kind, string Term, float Weight, float TermScore, float Idf, int DocFrequency, float Contribution);
