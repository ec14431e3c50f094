using System.Collections.Concurrent;

namespace CareDesk.Knowledge.Analysis;

/// <summary>One word after analysis, with where it came from.</summary>
/// <param name="Term">Normalized, unstemmed form (the exact-match term).</param>
/// <param name="Stem">Stemmed form of <paramref name="Term"/>.</param>
/// <param name="Position">Index among the kept (non-stop) tokens of the text.</param>
/// <param name="Start">Offset in the original text.</param>
/// <param name="Length">Length in the original text.</param>
/// <param name="Kind">Script of the token.</param>
public readonly record struct AnalyzedToken(string Term, string Stem, int Position, int Start, int Length, TokenKind Kind);

/// <summary>
/// The analysis chain used for documents and queries alike: <see cref="Tokenizer"/> →
/// NFKC + lower case + digit folding + Arabic normalization (<see cref="ArabicNormalizer"/>) →
/// stop words (matched after normalization) → <see cref="ArabicStemmer"/> or <see cref="LatinStemmer"/>.
/// Every token yields two forms, the normalized term and its stem. Thread-safe; word analyses are cached.
/// </summary>
public sealed class TextAnalyzer
{
    private const int MaxCacheEntries = 100_000;

    private int _cached;

    private readonly ConcurrentDictionary<string, WordForms> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WordForms>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an analyzer that drops stop words.</summary>
    public TextAnalyzer()
        : this(removeStopWords: true)
    {
    }

    /// <summary>Creates an analyzer; <paramref name="removeStopWords"/> false keeps every word.</summary>
    public TextAnalyzer(bool removeStopWords)
    {
        RemoveStopWords = removeStopWords;
        _lookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A shared default instance.</summary>
    public static TextAnalyzer Default { get; } = new();

    /// <summary>Whether stop words are dropped.</summary>
    public bool RemoveStopWords { get; }

    /// <summary>Analyzes <paramref name="text"/> into a new list.</summary>
    public List<AnalyzedToken> Analyze(string text)
    {
        var tokens = new List<AnalyzedToken>();
        Analyze(text, tokens);
        return tokens;
    }

    /// <summary>Analyzes <paramref name="text"/>, appending to <paramref name="output"/>.</summary>
    public void Analyze(string text, List<AnalyzedToken> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var raw = RawBuffer ??= new List<RawToken>(64);
        raw.Clear();
        Tokenizer.Tokenize(text, raw);
        var position = 0;
        foreach (var t in raw)
        {
            var forms = Forms(text.AsSpan(t.Start, t.Length), t.Kind);
            if (forms.Term.Length == 0 || (RemoveStopWords && forms.IsStop))
            {
                continue;
            }

            output.Add(new AnalyzedToken(forms.Term, forms.Stem, position++, t.Start, t.Length, t.Kind));
        }
    }

    /// <summary>The normalized term and stem of one word, and whether it is a stop word.</summary>
    public (string Term, string Stem, bool IsStop) AnalyzeWord(string word)
    {
        var raw = new List<RawToken>(1);
        Tokenizer.Tokenize(word, raw);
        if (raw.Count == 0)
        {
            return ("", "", true);
        }

        var f = Forms(word.AsSpan(raw[0].Start, raw[0].Length), raw[0].Kind);
        return (f.Term, f.Stem, f.IsStop);
    }

    [ThreadStatic]
    private static List<RawToken>? RawBuffer;

    private WordForms Forms(ReadOnlySpan<char> surface, TokenKind kind)
    {
        if (_lookup.TryGetValue(surface, out var cached))
        {
            return cached;
        }

        var key = new string(surface);
        var term = ArabicNormalizer.Normalize(key);
        var stem = kind switch
        {
            TokenKind.Arabic => ArabicStemmer.Stem(term),
            TokenKind.Latin => LatinStemmer.Stem(term),
            _ => term,
        };
        var forms = new WordForms(term, stem, StopWords.Contains(term));

        // ConcurrentDictionary.Count takes every lock; a counter of our own is enough for a cap.
        if (Volatile.Read(ref _cached) < MaxCacheEntries && _cache.TryAdd(key, forms))
        {
            Interlocked.Increment(ref _cached);
        }

        return forms;
    }

    private sealed record WordForms(string Term, string Stem, bool IsStop);
}
