namespace CareDesk.Knowledge.Index;

/// <summary>Weight and length normalization of one field in BM25F.</summary>
/// <param name="Weight">How much one occurrence in this field counts, relative to the body.</param>
/// <param name="B">Length normalization (0 = none, 1 = full).</param>
/// <param name="Phrases">Whether adjacent words of this field are indexed for the phrase bonus.</param>
public readonly record struct FieldOptions(float Weight, float B, bool Phrases = true);

/// <summary>
/// Ranking parameters: BM25F (k1, per-field weight and b) and the weights of the query clause kinds.
/// Defaults start from Lucene's k1 = 1.2, b = 0.75 and were tuned on the development sets (docs/search.md).
/// </summary>
public sealed record IndexOptions
{
    /// <summary>Term frequency saturation.</summary>
    public float K1 { get; init; } = 1.2f;

    /// <summary>Per-field options; fields not listed get <see cref="DefaultField"/>.</summary>
    public IReadOnlyDictionary<string, FieldOptions> Fields { get; init; } = new Dictionary<string, FieldOptions>(StringComparer.Ordinal)
    {
        [FieldNames.Title] = new(3.0f, 0.5f),
        [FieldNames.Keywords] = new(2.5f, 0.3f),
        [FieldNames.Summary] = new(1.5f, 0.75f),
        [FieldNames.Body] = new(1.0f, 0.75f, Phrases: false),
        [FieldNames.Text] = new(1.0f, 0.75f),
    };

    /// <summary>Options of fields not named in <see cref="Fields"/>.</summary>
    public FieldOptions DefaultField { get; init; } = new(1.0f, 0.75f);

    /// <summary>Weight of a match on the normalized, unstemmed word.</summary>
    public float ExactWeight { get; init; } = 0.1f;

    /// <summary>Weight of a match on the stem.</summary>
    public float StemWeight { get; init; } = 1.0f;

    /// <summary>Weight of two query words found next to each other (stem bigram).</summary>
    public float PhraseWeight { get; init; } = 0.05f;

    /// <summary>Weight of the letter trigrams of a stem, the fallback that relates احتلال and احتلت, تقع and يقع.</summary>
    public float GramWeight { get; init; } = 0.3f;

    /// <summary>Trigrams found in more than this share of the documents are skipped at query time: they say little and cost the most.</summary>
    public float MaxGramDocFraction { get; init; } = 0.05f;

    /// <summary>Word clauses whose IDF is below this are dropped (the word is in almost every document).</summary>
    public float MinIdf { get; init; } = 0.1f;

    /// <summary>Weight of a synonym's stem.</summary>
    public float SynonymWeight { get; init; } = 0.5f;

    /// <summary>Weight of a word within the edit distance of an unknown query word.</summary>
    public float FuzzyWeight { get; init; } = 0.5f;

    /// <summary>Weight of a word that extends the last query word (type-ahead).</summary>
    public float PrefixWeight { get; init; } = 0.3f;

    /// <summary>Most words a prefix expands to (the most frequent first).</summary>
    public int MaxPrefixExpansions { get; init; } = 8;

    /// <summary>The options of <paramref name="field"/>.</summary>
    public FieldOptions For(string field) => Fields.TryGetValue(field, out var f) ? f : DefaultField;
}
