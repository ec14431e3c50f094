using System.Buffers;
using System.Net;
using System.Text;
using CareDesk.Knowledge.Index;

namespace CareDesk.Knowledge.Search;

/// <summary>
/// Picks the passage of a document with the most query matches and marks them:
/// HTML-escaped text with <c>&lt;mark&gt;</c> around each matched word. Nothing is analyzed here: the
/// index stored each snippet field's token offsets and word ids (<see cref="SnippetTokens"/>), so a
/// token matches when its word or its stem is one of the query's terms — the ids of the clauses'
/// terms, worked out once a search by <see cref="Wanted"/>.
/// </summary>
internal static class Snippets
{
    private const int Window = 160;

    /// <summary>
    /// Joins an article's Arabic and English text in one field (title, summary). The pilcrow is no token,
    /// so ranking and positions are as with a plain line break; a snippet never crosses it, so an Arabic
    /// passage does not run on into the English one.
    /// </summary>
    public const string LanguageBreak = "\n\u00B6\n";

    private const char LanguageMark = '\u00B6';

    /// <summary>
    /// Where the snippet around <paramref name="matchStart"/> is cut: a little context before the match,
    /// at word boundaries, never across a <see cref="LanguageBreak"/>; and whether text was left out on
    /// either side (shown as an ellipsis).
    /// </summary>
    internal static (int Start, int End, bool Before, bool After) Bounds(ReadOnlySpan<char> text, int matchStart)
    {
        var lineStart = text[..matchStart].LastIndexOf(LanguageMark) + 1;
        var next = text[matchStart..].IndexOf(LanguageMark);
        var lineEnd = next < 0 ? text.Length : matchStart + next;
        while (lineStart < lineEnd && char.IsWhiteSpace(text[lineStart]))
        {
            lineStart++;
        }

        while (lineEnd > lineStart && char.IsWhiteSpace(text[lineEnd - 1]))
        {
            lineEnd--;
        }

        // Start a little before the first match, at a word boundary, so the match has context.
        var start = Math.Max(lineStart, matchStart - 40);
        while (start > lineStart && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        var end = Math.Min(lineEnd, start + Window + 40);
        while (end < lineEnd && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return (start, end, start > lineStart, end < lineEnd);
    }

    /// <summary>
    /// The word ids of the terms a snippet marks: those of every clause but bigrams and trigrams (exact
    /// words, stems, synonyms, typo and prefix words). A term neither dictionary holds can match no token.
    /// </summary>
    public static void Wanted(KnowledgeIndex index, List<Clause> clauses, List<int> ids)
    {
        ids.Clear();
        foreach (var c in clauses)
        {
            if (c.Kind == ClauseKind.Synonym)
            {
                // A concept's postings are its own; its members' stems as written (and a one-word
                // member's whole form, the stem of الإلغاء) are the words to mark.
                foreach (var member in index.Synonyms.Concepts[c.Concept].Members)
                {
                    foreach (var form in member)
                    {
                        AddId(ids, index.WordId(form.Stem));
                    }

                    if (member.Length == 1)
                    {
                        AddId(ids, index.WordId(member[0].Term));
                    }
                }
            }
            else if (c.Kind is not (ClauseKind.Phrase or ClauseKind.Gram))
            {
                AddId(ids, c.Postings.Id);
            }
        }
    }

    private static void AddId(List<int> ids, int id)
    {
        if (id >= 0 && !ids.Contains(id))
        {
            ids.Add(id);
        }
    }

    /// <summary>Sets the bit of each wanted id in <paramref name="filter"/> (cleared first): most tokens fail this one test.</summary>
    public static void Filter(List<int> ids, ulong[] filter)
    {
        Array.Clear(filter);
        foreach (var id in ids)
        {
            filter[(id >> 6) & (filter.Length - 1)] |= 1UL << id;
        }
    }

    private static bool Wants(ReadOnlySpan<int> wanted, ulong[] filter, int id) =>
        (filter[(id >> 6) & (filter.Length - 1)] & (1UL << id)) != 0 && wanted.Contains(id);

    /// <summary>The snippet of document <paramref name="doc"/> for the word ids <paramref name="wanted"/>.</summary>
    public static string Build(KnowledgeIndex index, int doc, ReadOnlySpan<int> wanted, SnippetScratch s)
    {
        var fields = index.Documents[doc].Fields;
        var bestField = -1;
        var bestCount = -1;
        var bestStart = 0;
        var decoded = -1;
        foreach (var name in SnippetTokens.Preference)
        {
            // The first prose field with a match is the snippet (the summary, usually).
            if (bestCount > 0)
            {
                break;
            }

            for (var f = 0; f < fields.Count; f++)
            {
                if (fields[f].Name != name || string.IsNullOrWhiteSpace(fields[f].Text))
                {
                    continue;
                }

                Decode(index.Snippets, doc, f, wanted, s);
                decoded = f;
                var (count, start) = DensestWindow(s);
                if (count > bestCount)
                {
                    (bestField, bestCount, bestStart) = (f, count, start);
                }
            }
        }

        if (bestField < 0)
        {
            return "";
        }

        if (decoded != bestField)
        {
            Decode(index.Snippets, doc, bestField, wanted, s);
        }

        return Render(SnippetTokens.PlainText(fields[bestField].Text, ref s.Text), s, bestStart);
    }

    /// <summary>Unpacks the tokens of one field into the scratch arrays: plain-text start, length, and whether they match.</summary>
    private static void Decode(SnippetTokens store, int doc, int field, ReadOnlySpan<int> wanted, SnippetScratch s)
    {
        var (first, count) = store.Range(doc, field);
        s.Ensure(count);
        var spans = store.Spans;
        var forms = store.Forms;
        var words = store.FormWords;
        var end = 0;
        for (var i = 0; i < count; i++)
        {
            var packed = spans[first + i];
            int start, length;
            if (packed == SnippetTokens.Escape)
            {
                (start, length) = store.Wide[first + i];
            }
            else
            {
                start = end + (int)(packed >> 16);
                length = (int)(packed & 0xFFFF);
            }

            var form = forms[first + i];
            s.Starts[i] = start;
            s.Lengths[i] = length;
            s.Matches[i] = Wants(wanted, s.Filter, words[2 * form]) || Wants(wanted, s.Filter, words[(2 * form) + 1]);
            end = start + length;
        }

        s.Count = count;
    }

    private static (int Count, int Start) DensestWindow(SnippetScratch s)
    {
        var best = 0;
        var bestStart = 0;
        for (var i = 0; i < s.Count; i++)
        {
            if (!s.Matches[i])
            {
                continue;
            }

            var n = 0;
            for (var j = i; j < s.Count && s.Starts[j] < s.Starts[i] + Window; j++)
            {
                n += s.Matches[j] ? 1 : 0;
            }

            if (n > best)
            {
                (best, bestStart) = (n, s.Starts[i]);
            }
        }

        return (best, bestStart);
    }

    private static string Render(ReadOnlySpan<char> text, SnippetScratch s, int matchStart)
    {
        var (start, end, before, after) = Bounds(text, matchStart);
        var sb = new StringBuilder(end - start + 64);
        if (before)
        {
            sb.Append('…');
        }

        var pos = start;
        for (var i = 0; i < s.Count; i++)
        {
            var (ts, tl) = (s.Starts[i], s.Lengths[i]);
            if (ts < start || ts + tl > end || !s.Matches[i])
            {
                continue;
            }

            AppendEncoded(sb, text[pos..ts]);
            sb.Append("<mark>");
            AppendEncoded(sb, text.Slice(ts, tl));
            sb.Append("</mark>");
            pos = ts + tl;
        }

        AppendEncoded(sb, text[pos..end]);
        if (after)
        {
            sb.Append('…');
        }

        return sb.ToString().Trim();
    }

    /// <summary>
    /// Appends <see cref="WebUtility.HtmlEncode(string)"/> of <paramref name="text"/>, copying it as it
    /// is when it holds none of the characters that function changes (as it does itself).
    /// </summary>
    private static void AppendEncoded(StringBuilder sb, ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(HtmlEncoded) < 0)
        {
            sb.Append(text);
        }
        else
        {
            sb.Append(WebUtility.HtmlEncode(new string(text)));
        }
    }

    /// <summary>What <see cref="WebUtility.HtmlEncode(string)"/> replaces: &lt; &gt; &amp; quotes, U+00A0–U+00FF and surrogates.</summary>
    private static readonly SearchValues<char> HtmlEncoded = SearchValues.Create(
        "<>&\"'" + new string([.. Enumerable.Range(0xA0, 0x60).Select(i => (char)i)]) + new string([.. Enumerable.Range(0xD800, 0x800).Select(i => (char)i)]));
}

/// <summary>The decoded tokens of one snippet field, reused by a thread's searches.</summary>
internal sealed class SnippetScratch
{
    public int[] Starts { get; private set; } = new int[256];

    public int[] Lengths { get; private set; } = new int[256];

    public bool[] Matches { get; private set; } = new bool[256];

    public int Count { get; set; }

    public List<int> Wanted { get; } = new(32);

    /// <summary>The cleaned text of a field when it is not a slice of the field itself.</summary>
#pragma warning disable SA1401 // passed by reference to the cleaning
    public char[]? Text;
#pragma warning restore SA1401

    /// <summary>A 4,096-bit filter of <see cref="Wanted"/> (by the id's low 12 bits).</summary>
    public ulong[] Filter { get; } = new ulong[64];

    public void Ensure(int count)
    {
        if (Starts.Length < count)
        {
            var n = Math.Max(count, 2 * Starts.Length);
            (Starts, Lengths, Matches) = (new int[n], new int[n], new bool[n]);
        }
    }
}
