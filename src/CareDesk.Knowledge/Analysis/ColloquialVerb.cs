namespace CareDesk.Knowledge.Analysis;

/// <summary>
/// The person marks of a spoken verb, which the light stemmer leaves on (it cannot tell ترجع from
/// ترجمة): the imperfect prefix (يرجع، ترجع، نرجع، ارجع) and the perfect or plural ending (رجعت،
/// رجعوا، رجعنا، يرجعو). Used only to find a word in the synonym table by a form an editor listed,
/// never on documents: stripped blindly, تأشيرة and يوم would lose their first letter.
/// </summary>
public static class ColloquialVerb
{
    // Longest first; the stemmer has already taken ون، ين، ي and the pronouns.
    private static readonly string[] Endings = ["تو", "وا", "نا", "تي", "ت", "و"];

    private const string PersonPrefixes = "يتنا";

    /// <summary>Letters a base keeps at least, so a short word is never cut to a fragment.</summary>
    internal const int MinBase = 3;

    /// <summary>The length of the verb ending of <paramref name="stem"/>, or 0 when it has none.</summary>
    public static int EndingLength(ReadOnlySpan<char> stem)
    {
        foreach (var e in Endings)
        {
            if (stem.Length - e.Length >= MinBase && stem.EndsWith(e, StringComparison.Ordinal))
            {
                return e.Length;
            }
        }

        return 0;
    }

    /// <summary>1 when <paramref name="stem"/> starts with a person prefix and keeps enough letters without it, else 0.</summary>
    public static int PrefixLength(ReadOnlySpan<char> stem) =>
        stem.Length - 1 >= MinBase && PersonPrefixes.Contains(stem[0]) ? 1 : 0;
}
