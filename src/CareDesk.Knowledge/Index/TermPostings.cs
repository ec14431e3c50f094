namespace CareDesk.Knowledge.Index;

/// <summary>
/// The documents that hold one term, in increasing document order, each with its precomputed BM25F
/// score (idf × saturated, length-normalized, field-weighted frequency), so a query only adds floats.
/// </summary>
public sealed class TermPostings
{
    internal TermPostings(int[] docs, float[] scores, float idf, int id = -1)
    {
        Docs = docs;
        Scores = scores;
        Idf = idf;
        Id = id;
    }

    /// <summary>
    /// The word id of an exact-form or stem term: one number per string across both dictionaries (a
    /// word and a stem spelt alike share it), as <see cref="SnippetTokens"/> stores them; −1 for bigrams and trigrams.
    /// </summary>
    internal int Id { get; }

    /// <summary>Document numbers, ascending.</summary>
    public int[] Docs { get; }

    /// <summary>BM25F score of the term in each document of <see cref="Docs"/>.</summary>
    public float[] Scores { get; }

    /// <summary>Inverse document frequency, Lucene's <c>ln(1 + (N − df + 0.5)/(df + 0.5))</c>.</summary>
    public float Idf { get; }

    /// <summary>Document frequency.</summary>
    public int DocFrequency => Docs.Length;

    /// <summary>The score of document <paramref name="doc"/>, or 0 when it lacks the term.</summary>
    public float ScoreOf(int doc)
    {
        var i = Array.BinarySearch(Docs, doc);
        return i >= 0 ? Scores[i] : 0f;
    }
}
