using System.Buffers;
using System.Runtime.InteropServices;
using CareDesk.Knowledge.Analysis;

namespace CareDesk.Knowledge.Index;

/// <summary>
/// What highlighting needs of every snippet field (summary, body, text, title, keywords), stored at
/// build time so that a snippet is a lookup, not an analysis: for each kept token, where it is in the
/// field's plain text (<see cref="PlainText(string)"/>, the text a snippet is cut from) and which word it is.
/// <para>
/// One shared array pair for all documents: <see cref="Spans"/> packs the gap since the previous
/// token's end (high 16 bits) and the token's length (low 16 bits) — a token or gap of 65,535
/// characters or more is stored as <see cref="Wide"/> with its absolute offsets — and
/// <see cref="Forms"/> numbers the (normalized word, indexed stem) pair, whose two word ids stand
/// side by side in <see cref="FormWords"/> (one cache line to read, not two). A word id is <see cref="TermPostings.Id"/>:
/// one number per string across the exact and the stem dictionaries, so a word and a stem spelt alike
/// share it (the snippet matched query terms against both forms as strings). 8 bytes a token.
/// </para>
/// </summary>
internal sealed class SnippetTokens
{
    /// <summary>Marks a token whose offsets did not fit in 16 bits; see <see cref="Wide"/>.</summary>
    internal const uint Escape = uint.MaxValue;

    /// <summary>The field names snippets are taken from, most preferred first.</summary>
    internal static readonly string[] Preference = [FieldNames.Summary, FieldNames.Body, FieldNames.Text, FieldNames.Title, FieldNames.Keywords];

    internal SnippetTokens(int[] docFields, int[] fieldTokens, uint[] spans, int[] forms, int[] formWords, Dictionary<int, (int Start, int Length)> wide)
    {
        DocFields = docFields;
        FieldTokens = fieldTokens;
        Spans = spans;
        Forms = forms;
        FormWords = formWords;
        Wide = wide;
    }

    /// <summary>Per document (and one past the last), the number of its first field among all documents' fields.</summary>
    internal int[] DocFields { get; }

    /// <summary>Per field of every document (and one past the last), its first token in <see cref="Spans"/>.</summary>
    internal int[] FieldTokens { get; }

    /// <summary>Per token, <c>gap &lt;&lt; 16 | length</c> in plain-text characters, or <see cref="Escape"/>.</summary>
    internal uint[] Spans { get; }

    /// <summary>Per token, its form: a pair of <see cref="FormWords"/>.</summary>
    internal int[] Forms { get; }

    /// <summary>Per form f, at 2f the word id of its normalized, unstemmed word and at 2f + 1 that of its indexed (proclitic-resolved) stem.</summary>
    internal int[] FormWords { get; }

    /// <summary>Absolute plain-text start and length of the escaped tokens, by token number.</summary>
    internal Dictionary<int, (int Start, int Length)> Wide { get; }

    /// <summary>The tokens of field <paramref name="field"/> of document <paramref name="doc"/>: first token number and count.</summary>
    internal (int First, int Count) Range(int doc, int field)
    {
        var f = DocFields[doc] + field;
        return (FieldTokens[f], FieldTokens[f + 1] - FieldTokens[f]);
    }

    internal static bool IsSnippetField(string name) => Array.IndexOf(Preference, name) >= 0;

    /// <summary>Whether <see cref="PlainText(string)"/> turns <paramref name="c"/> into a space (white space and Markdown marks).</summary>
    internal static bool IsPlainSpace(char c) =>
        c < 0x100
            ? char.IsWhiteSpace(c) || c is '#' or '*' or '_' or '`' or '|'

            // Above Latin-1 only the space separators (U+1680 on) are white space: Arabic letters take no lookup.
            : c >= '\u1680' && char.IsWhiteSpace(c);

    /// <summary>The text a snippet is cut from: Markdown marks and runs of white space become one space, trimmed.</summary>
    internal static string PlainText(string markdown)
    {
        var plain = PlainText(markdown, ref PlainBuffer);
        return plain.SequenceEqual(markdown) ? markdown : new string(plain);
    }

    /// <summary>
    /// <see cref="PlainText(string)"/> without a copy where it can: text that is already plain once
    /// trimmed (single spaces, no Markdown mark: most prose) is returned as a slice of itself, found
    /// with a vectorized scan; other text is cleaned into <paramref name="buffer"/>.
    /// </summary>
    internal static ReadOnlySpan<char> PlainText(string markdown, ref char[]? buffer)
    {
        var text = markdown.AsSpan();
        var a = 0;
        while (a < text.Length && IsPlainSpace(text[a]))
        {
            a++;
        }

        var b = text.Length;
        while (b > a && IsPlainSpace(text[b - 1]))
        {
            b--;
        }

        var core = text[a..b];
        if (core.IndexOfAny(NotPlain) < 0 && core.IndexOf("  ", StringComparison.Ordinal) < 0)
        {
            return core;
        }

        if (buffer is null || buffer.Length < core.Length)
        {
            buffer = new char[Math.Max(core.Length, 256)];
        }

        var n = 0;
        var lastSpace = true;
        foreach (var c in core)
        {
            var space = IsPlainSpace(c);
            if (!space)
            {
                buffer[n++] = c;
            }
            else if (!lastSpace)
            {
                buffer[n++] = ' ';
            }

            lastSpace = space;
        }

        return buffer.AsSpan(0, n);
    }

    [ThreadStatic]
    private static char[]? PlainBuffer;

    /// <summary>The characters <see cref="IsPlainSpace"/> holds but the plain space itself.</summary>
    private static readonly SearchValues<char> NotPlain = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => c != ' ' && IsPlainSpace(c)).ToArray());

    /// <summary>Collects the snippet tokens while the builder analyzes the documents.</summary>
    internal sealed class Builder
    {
        private readonly List<int> _docFields = [0];
        private readonly List<int> _fieldTokens = [0];
        private readonly List<uint> _spans = [];
        private readonly List<int> _forms = [];
        private readonly Dictionary<string, int> _termForms = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Term, string Stem), int> _otherForms = [];
        private readonly List<(string Term, string Stem)> _formList = [];
        private readonly Dictionary<int, (int Start, int Length)> _wide = [];

        /// <summary>
        /// Adds one field (in document order). <paramref name="tokens"/> are its analyzed tokens with
        /// offsets in <paramref name="text"/>; <paramref name="stems"/> holds the indexed stem of each.
        /// Fields that snippets are never taken from get no tokens.
        /// </summary>
        public void AddField(string name, string text, List<AnalyzedToken> tokens, List<string> stems)
        {
            if (IsSnippetField(name) && !string.IsNullOrWhiteSpace(text))
            {
                // Map each token's offset in the raw text to the plain text, walking both once: a token
                // holds no white space or Markdown mark, so it is copied whole and keeps its length.
                var raw = 0;
                var plain = 0;
                var lastSpace = true;
                var previousEnd = 0;
                for (var k = 0; k < tokens.Count; k++)
                {
                    var t = tokens[k];
                    for (; raw < t.Start; raw++)
                    {
                        var space = IsPlainSpace(text[raw]);
                        if (!space || !lastSpace)
                        {
                            plain++;
                        }

                        lastSpace = space;
                    }

                    var gap = plain - previousEnd;
                    if (gap < 0xFFFF && t.Length < 0xFFFF)
                    {
                        _spans.Add(((uint)gap << 16) | (uint)t.Length);
                    }
                    else
                    {
                        _wide[_spans.Count] = (plain, t.Length);
                        _spans.Add(Escape);
                    }

                    _forms.Add(Form(t.Term, stems[k]));
                    previousEnd = plain + t.Length;
                }
            }

            _fieldTokens.Add(_spans.Count);
        }

        public void EndDocument() => _docFields.Add(_fieldTokens.Count - 1);

        /// <summary>
        /// The form of a word with its stem. The analyzer gives a word one stem, so forms are found by the
        /// word alone (one lookup a token); a word seen with another stem gets a form of its own all the same.
        /// </summary>
        private int Form(string term, string stem)
        {
            ref var form = ref CollectionsMarshal.GetValueRefOrAddDefault(_termForms, term, out var seen);
            if (!seen)
            {
                form = _formList.Count;
                _formList.Add((term, stem));
                return form;
            }

            if (string.Equals(_formList[form].Stem, stem, StringComparison.Ordinal))
            {
                return form;
            }

            ref var other = ref CollectionsMarshal.GetValueRefOrAddDefault(_otherForms, (term, stem), out seen);
            if (!seen)
            {
                other = _formList.Count;
                _formList.Add((term, stem));
            }

            return other;
        }

        /// <summary>The store, with the forms' words numbered as in the finished dictionaries.</summary>
        public SnippetTokens Build(Dictionary<string, TermPostings> exact, Dictionary<string, TermPostings> stems)
        {
            var formWords = new int[2 * _formList.Count];
            for (var i = 0; i < _formList.Count; i++)
            {
                formWords[2 * i] = exact[_formList[i].Term].Id;
                formWords[(2 * i) + 1] = stems[_formList[i].Stem].Id;
            }

            return new SnippetTokens([.. _docFields], [.. _fieldTokens], [.. _spans], [.. _forms], formWords, _wide);
        }
    }
}
