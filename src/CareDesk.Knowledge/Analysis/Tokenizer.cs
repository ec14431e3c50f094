using System.Globalization;

namespace CareDesk.Knowledge.Analysis;

/// <summary>What kind of characters a token is made of.</summary>
public enum TokenKind
{
    /// <summary>Arabic script letters.</summary>
    Arabic,

    /// <summary>Letters of any other script (Latin mostly).</summary>
    Latin,

    /// <summary>Decimal digits of any script.</summary>
    Number,
}

/// <summary>A span of the original text that forms one word.</summary>
/// <param name="Start">Offset of the first character in the original text.</param>
/// <param name="Length">Number of UTF-16 characters.</param>
/// <param name="Kind">Script of the token.</param>
public readonly record struct RawToken(int Start, int Length, TokenKind Kind);

/// <summary>
/// Splits text into runs of one script: Arabic letters (with their diacritics and tatweel), other
/// letters, or digits. Punctuation, symbols and spaces separate tokens; a change of script does too
/// ("48ساعة" is two tokens). Offsets refer to the original text, so highlights land on what was typed.
/// </summary>
public static class Tokenizer
{
    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="output"/>.</summary>
    public static void Tokenize(string text, List<RawToken> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        var start = -1;
        var kind = TokenKind.Arabic;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var k = Classify(c, out var joins);
            if (joins && start >= 0)
            {
                continue;
            }

            if (k is null)
            {
                if (start >= 0)
                {
                    output.Add(new RawToken(start, i - start, kind));
                    start = -1;
                }

                continue;
            }

            if (start >= 0 && k != kind)
            {
                output.Add(new RawToken(start, i - start, kind));
                start = -1;
            }

            if (start < 0)
            {
                start = i;
                kind = k.Value;
            }
        }

        if (start >= 0)
        {
            output.Add(new RawToken(start, text.Length - start, kind));
        }
    }

    private static TokenKind? Classify(char c, out bool joins)
    {
        joins = false;
        if (c < 0x80)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
            {
                return TokenKind.Latin;
            }

            return c is >= '0' and <= '9' ? TokenKind.Number : null;
        }

        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        switch (cat)
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.Format:
                joins = true;
                return null;
            case UnicodeCategory.DecimalDigitNumber:
                return TokenKind.Number;
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
                return IsArabicBlock(c) ? TokenKind.Arabic : TokenKind.Latin;
            default:
                return null;
        }
    }

    private static bool IsArabicBlock(char c) =>
        c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\u08A0' and <= '\u08FF'
            or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';
}
