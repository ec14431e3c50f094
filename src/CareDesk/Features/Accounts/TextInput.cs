using System.Text;

namespace CareDesk.Features.Accounts;

/// <summary>Checks on text typed into forms: well-formed Unicode, no control characters, a sane length.</summary>
public static class TextInput
{
    /// <summary>True when the text is well-formed UTF-16 (no lone surrogates), has no control characters
    /// (tab excepted) and no U+FFFD (what a browser sends for bytes that were not UTF-8).</summary>
    public static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                    return false;
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c) || c == '\uFFFD' || (char.IsControl(c) && c != '\t'))
                return false;
        }
        return true;
    }

    /// <summary>A printable copy of any text, for the audit trail and logs: lone surrogates and control characters replaced.</summary>
    public static string Printable(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            sb.Append(char.IsSurrogate(c) || char.IsControl(c) ? '\uFFFD' : c);
        }
        return sb.ToString();
    }
}
