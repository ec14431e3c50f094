using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Documents;


namespace CareDesk.Knowledge.Index;

/// <summary>
/// An immutable index snapshot: three term dictionaries (normalized words, stems, adjacent-stem
/// bigrams) mapping to <see cref="TermPostings"/>, the sorted word list for prefix and typo matching,
/// and the stored documents for filters, snippets and explanations.
/// Build one with <c>Build</c> and
/// publish it through <see cref="Search.SearchEngine.Swap"/>; a snapshot is never modified, so any
/// number of threads may search it.
/// </summary>
public sealed class KnowledgeIndex
{
    internal KnowledgeIndex(
        IndexDocument[] documents,
        Dictionary<string, TermPostings> exact,
        Dictionary<string, TermPostings> stems,
        Dictionary<ulong, TermPostings> bigrams,
        Dictionary<ulong, TermPostings> grams,
        ConceptPostings concepts,
        Dictionary<string, string> cliticMap,
        Dictionary<string, string> termStems,
        SnippetTokens snippets,
        TextAnalyzer analyzer,
        SynonymTable synonyms,
        IndexOptions options)
    {
        Documents = documents;
        Exact = exact;
        Stems = stems;
        Bigrams = bigrams;
        CliticMap = cliticMap;
        Grams = grams;
        Concepts = concepts;
        Snippets = snippets;
        Analyzer = analyzer;
        Synonyms = synonyms;
        Options = options;
        Words = new SortedWords(exact.Keys.Where(k => k.Length > 1).Order(StringComparer.Ordinal).ToArray(), w => exact[w].DocFrequency, w => termStems[w]);
        MaxGramDocFrequency = Math.Max(10, (int)(documents.Length * options.MaxGramDocFraction));
    }

    /// <summary>An index with no documents.</summary>
    public static KnowledgeIndex Empty { get; } = Build(Array.Empty<IndexDocument>());

    /// <summary>The indexed documents; the document number is the position here.</summary>
    public IReadOnlyList<IndexDocument> Documents { get; }

    /// <summary>Number of documents.</summary>
    public int Count => Documents.Count;

    /// <summary>The analyzer used for documents; queries must use the same.</summary>
    public TextAnalyzer Analyzer { get; }

    /// <summary>Query-time synonyms.</summary>
    public SynonymTable Synonyms { get; }

    /// <summary>Ranking parameters.</summary>
    public IndexOptions Options { get; }

    internal Dictionary<string, TermPostings> Exact { get; }

    internal Dictionary<string, TermPostings> Stems { get; }

    internal Dictionary<ulong, TermPostings> Bigrams { get; }

    internal Dictionary<string, string> CliticMap { get; }

    internal Dictionary<ulong, TermPostings> Grams { get; }

    /// <summary>The posting lists of the synonym concepts: each concept counted as one term, and each without one of its words.</summary>
    internal ConceptPostings Concepts { get; }

    /// <summary>The token offsets and word ids of the snippet fields: highlighting without analysis.</summary>
    internal SnippetTokens Snippets { get; }

    /// <summary>The word id (<see cref="TermPostings.Id"/>) of an exact word or stem, or −1 when neither is indexed.</summary>
    internal int WordId(string term) =>
        Exact.TryGetValue(term, out var p) ? p.Id : Stems.TryGetValue(term, out p) ? p.Id : -1;

    internal const int GramLength = 3;

    /// <summary>Arabic stems of three letters or more get letter trigrams.</summary>
    internal static bool HasGrams(string stem) => stem.Length >= 3 && ArabicStemmer.IsArabicLetter(stem[0]);

    /// <summary>
    /// The letter trigrams of a stem with word-boundary marks, so that they also say how the word
    /// starts and ends (يقع and تقع share «قع$»): a stem of n letters has n trigrams. Measured on q2q:
    /// MRR 0.712 unpadded from four letters, 0.724 padded from three.
    /// </summary>
    internal static int GramCount(string stem) => stem.Length;

    /// <summary>The <paramref name="i"/>-th padded trigram of <paramref name="stem"/>, packed into 48 bits.</summary>
    internal static ulong GramKey(string stem, int i)
    {
        var a = i == 0 ? GramStart : stem[i - 1];
        var b = stem[i];
        var c = i + 1 < stem.Length ? stem[i + 1] : GramEnd;
        return ((ulong)a << 32) | ((ulong)b << 16) | c;
    }

    /// <summary>The trigram a key stands for (for explanations).</summary>
    internal static string GramText(ulong key) => new([(char)(key >> 32), (char)((key >> 16) & 0xFFFF), (char)(key & 0xFFFF)]);

    internal const char GramStart = '^';

    internal const char GramEnd = '$';


    /// <summary>The words of two letters or more in ordinal order: a prefix is one run of it (type-ahead, typo search).</summary>
    internal string[] SortedTerms => Words.Words;

    /// <summary>The same words packed for the typo and prefix searches.</summary>
    internal SortedWords Words { get; }

    internal int MaxGramDocFrequency { get; }

    /// <summary>Builds a snapshot of arbitrary documents.</summary>
    public static KnowledgeIndex Build(IEnumerable<IndexDocument> documents, SynonymTable? synonyms = null, IndexOptions? options = null, TextAnalyzer? analyzer = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return IndexBuilder.Build(documents.ToArray(), analyzer ?? TextAnalyzer.Default, synonyms ?? SynonymTable.Empty, options ?? new IndexOptions());
    }

    /// <summary>
    /// Builds a snapshot of FAQ articles: titles (Arabic and English), keywords, summaries and body
    /// become the fields <see cref="FieldNames.Title"/>, <see cref="FieldNames.Keywords"/>,
    /// <see cref="FieldNames.Summary"/> and <see cref="FieldNames.Body"/>. Archived articles are left out.
    /// </summary>
    public static KnowledgeIndex Build(IEnumerable<FaqArticle> articles, SynonymTable? synonyms = null, IndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        return Build(articles.Where(a => a.Status != "archived").Select(ToDocument), synonyms, options);
    }

    /// <summary>The index document an FAQ article becomes.</summary>
    public static IndexDocument ToDocument(FaqArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new IndexDocument
        {
            Id = article.Id,
            Topic = article.Topic,
            Title = article.TitleAr,
            CaseTypes = article.CaseTypes,
            Agencies = article.Agencies,
            Channels = article.Channels,
            Fields =
            [
                new IndexField(FieldNames.Title, article.TitleAr + Search.Snippets.LanguageBreak + article.TitleEn),
                new IndexField(FieldNames.Keywords, string.Join("\n", article.Keywords)),
                new IndexField(FieldNames.Summary, article.SummaryAr + Search.Snippets.LanguageBreak + article.SummaryEn),
                new IndexField(FieldNames.Body, article.Body),
            ],
        };
    }

    /// <summary>The document number of <paramref name="id"/>, or −1.</summary>
    public int IndexOf(string id)
    {
        for (var i = 0; i < Documents.Count; i++)
        {
            if (Documents[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The indexed stem of an analyzed stem: a proclitic the corpus shows to be one is split off.</summary>
    public string ResolveStem(string stem) => CliticMap.GetValueOrDefault(stem, stem);

    /// <summary>A 64-bit FNV-1a hash of two adjacent stems: bigrams are many, and strings for them would dominate memory.</summary>
    internal static ulong BigramKey(string first, string second)
    {
        var h = 14695981039346656037UL;
        foreach (var c in first)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h = (h ^ 1) * 1099511628211UL;
        foreach (var c in second)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }
}
