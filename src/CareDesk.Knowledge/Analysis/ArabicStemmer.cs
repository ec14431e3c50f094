namespace CareDesk.Knowledge.Analysis;

/// <summary>
/// A light stemmer for normalized Arabic words (see <see cref="ArabicNormalizer"/>), after Lucene's
/// ArabicStemmer (Larkey's light8): removes one prefix, then the suffixes that fit. Beyond Lucene it
/// strips و/ف followed by a preposition and the article in one go (وبال، فلل…), the plural and
/// pronoun suffixes هم، كم، هما، كما، تين، تان, and the teh marbuta left standing before a pronoun
/// (بطاقتي → بطاق, like بطاقة → بطاق). It never leaves fewer than two letters.
/// </summary>
public static class ArabicStemmer
{
    // Longest first: the first one that fits wins.
    private static readonly string[] Prefixes =
    [
        "وبال", "وكال", "ولل", "فبال", "فكال", "فلل", "وال", "بال", "كال", "فال", "لل", "ال",
    ];

    // Applied in order, each at most once, as in Lucene's list (ة and ى are already folded).
    private static readonly string[] Suffixes =
    [
        "هما", "كما", "هم", "كم", "هن", "ها", "تين", "تان", "ان", "ات", "ون", "ين", "يه", "ه", "ي",
    ];

    private static readonly HashSet<string> PronounSuffixes = new(StringComparer.Ordinal)
    {
        "هما", "كما", "هم", "كم", "هن", "ها", "ه", "ي",
    };

    /// <summary>Stems one normalized word. Words with no Arabic letters come back unchanged.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < 3 || !IsArabicLetter(word[0]))
        {
            return word;
        }

        var span = word.AsSpan();
        span = StripPrefix(span);
        span = StripSuffixes(span);
        return span.Length == word.Length ? word : new string(span);
    }

    private static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> s)
    {
        foreach (var p in Prefixes)
        {
            if (s.Length >= p.Length + 2 && s.StartsWith(p, StringComparison.Ordinal))
            {
                return s[p.Length..];
            }
        }

        // A lone conjunction و only on words of four letters or more (وصل، ورق stay whole).
        if (s.Length >= 4 && s[0] == '\u0648')
        {
            return s[1..];
        }

        return s;
    }

    private static ReadOnlySpan<char> StripSuffixes(ReadOnlySpan<char> s)
    {
        var strippedPronoun = false;
        foreach (var suffix in Suffixes)
        {
            if (s.Length >= suffix.Length + 2 && s.EndsWith(suffix, StringComparison.Ordinal))
            {
                s = s[..^suffix.Length];
                strippedPronoun |= PronounSuffixes.Contains(suffix);
            }
        }

        // A teh marbuta becomes ت before a pronoun; the bare word loses its ة (as ه) above.
        if (strippedPronoun && s.Length >= 4 && s[^1] == '\u062A')
        {
            s = s[..^1];
        }

        return s;
    }

    internal static bool IsArabicLetter(char c) =>
        c is >= '\u0620' and <= '\u064A' or >= '\u066E' and <= '\u06D3' or >= '\u06FA' and <= '\u06FF'
            or >= '\u0750' and <= '\u077F' or >= '\u08A0' and <= '\u08C9';
}
