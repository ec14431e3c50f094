using System.Globalization;
using System.Text;

namespace CareDesk.Knowledge.Analysis;

/// <summary>
/// Folds the spelling variants of one Arabic word to one form: Unicode compatibility forms (NFKC:
/// presentation forms, lam-alef ligatures), lower case, any decimal digit to ASCII, the hamza and
/// alef variants to bare alef/waw/yeh, alef maqsura and Persian yeh to yeh, teh marbuta to heh,
/// keheh to kaf, and no tatweel or diacritics. Extends Lucene's ArabicNormalizer with ؤ ئ ٱ ی ک
/// and the superscript alef. Idempotent: <c>Normalize(Normalize(x)) == Normalize(x)</c>.
/// </summary>
public static class ArabicNormalizer
{
    /// <summary>Normalizes one token (or any text); returns the same instance when nothing changes.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        var source = text;
        if (!IsAsciiOrPlainArabic(source) && !IsNfkc(source))
        {
            source = SafeNfkc(source);
        }

        Span<char> buffer = source.Length <= 128 ? stackalloc char[source.Length] : new char[source.Length];
        var n = 0;
        var changed = !ReferenceEquals(source, text);
        foreach (var c in source)
        {
            var m = Fold(c);
            if (m != c)
            {
                changed = true;
            }

            if (m != '\0')
            {
                buffer[n++] = m;
            }
        }

        if (!changed)
        {
            return text;
        }

        var result = new string(buffer[..n]);

        // Folding maps to base letters only, so a result can leave NFKC only when NFKC ran first
        // (a presentation form decomposed into letter + mark); one more pass settles it.
        return ReferenceEquals(source, text) || IsNfkc(result) ? result : Normalize(result);
    }

    /// <summary>The folded form of one character, or <c>'\0'</c> when it is deleted.</summary>
    public static char Fold(char c)
    {
        if (c < 0x80)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        switch (c)
        {
            case '\u0622': // آ
            case '\u0623': // أ
            case '\u0625': // إ
            case '\u0671': // ٱ
                return '\u0627';
            case '\u0649': // ى
            case '\u06CC': // ی
            case '\u0626': // ئ
                return '\u064A';
            case '\u0624': // ؤ
                return '\u0648';
            case '\u0629': // ة
                return '\u0647';
            case '\u06A9': // ک
                return '\u0643';
            case '\u0640': // tatweel
            case '\u0670': // superscript alef
            case '\u200C': // zero-width non-joiner
            case '\u200D': // zero-width joiner
            case '\u200F': // right-to-left mark
            case '\u200E':
                return '\0';
        }

        if (c is >= '\u064B' and <= '\u065F')
        {
            return '\0';
        }

        if (char.IsDigit(c))
        {
            var v = CharUnicodeInfo.GetDecimalDigitValue(c);
            return v >= 0 ? (char)('0' + v) : c;
        }

        if (char.IsSurrogate(c))
        {
            return c;
        }

        return char.ToLowerInvariant(c);
    }

    private static bool IsAsciiOrPlainArabic(string s)
    {
        foreach (var c in s)
        {
            if (c >= 0x80 && c is not (>= '\u0600' and <= '\u06FF'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNfkc(string s)
    {
        try
        {
            return s.IsNormalized(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string SafeNfkc(string s)
    {
        try
        {
            return s.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates make NFKC throw; drop them and normalize what is left.
            var sb = new StringBuilder(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    sb.Append(s[i]).Append(s[i + 1]);
                    i++;
                }
                else if (!char.IsSurrogate(s[i]))
                {
                    sb.Append(s[i]);
                }
            }

            return sb.ToString().Normalize(NormalizationForm.FormKC);
        }
    }
}
