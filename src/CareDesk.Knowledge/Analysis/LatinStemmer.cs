namespace CareDesk.Knowledge.Analysis;

/// <summary>A light English plural rule for lower-cased Latin tokens (ibans → iban, fees → fee).</summary>
public static class LatinStemmer
{
    /// <summary>Returns the singular of a lower-case English word when a plain plural rule fits.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 3 || word[^1] != 's')
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return string.Concat(word.AsSpan(0, word.Length - 3), "y");
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal)
            || word.EndsWith("is", StringComparison.Ordinal))
        {
            return word;
        }

        return word[..^1];
    }
}
