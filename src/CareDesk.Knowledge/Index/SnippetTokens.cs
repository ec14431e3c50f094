using System.Text;
using CareDesk.Knowledge.Analysis;

namespace CareDesk.Knowledge.Index;

/// <summary>
/// What highlighting needs of every snippet field (summary, body, text, title, keywords), stored at
/// build time so that a snippet is a lookup, not an analysis: for each kept token, where it is in the
/// field's plain text (<see cref="PlainText"/>, the text a snippet is cut from) and which word it is.
/// <para>
/// One shared array pair for all documents: <see cref="Spans"/> packs the gap since the previous
/// token's end (high 16 bits) and the token's length (low 16 bits) — a token or gap of 65,535
/// characters or more is stored as <see cref="Wide"/> with its absolute offsets — and
/// <see cref="Forms"/> numbers the (normalized word, indexed stem) pair, whose two word ids are
/// <see cref="FormTerms"/> and <see cref="FormStems"/>. A word id is <see cref="TermPostings.Id"/>:
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

    internal SnippetTokens(int[] docFields, int[] fieldTokens, uint[] spans, int[] forms, int[] formTerms, int[] formStems, Dictionary<int, (int Start, int Length)> wide)
    {
        DocFields = docFields;
        FieldTokens = fieldTokens;
        Spans = spans;
        Forms = forms;
        FormTerms = formTerms;
        FormStems = formStems;
        Wide = wide;
    }

    /// <summary>Per document (and one past the last), the number of its first field among all documents' fields.</summary>
    internal int[] DocFields { get; }

    /// <summary>Per field of every document (and one past the last), its first token in <see cref="Spans"/>.</summary>
    internal int[] FieldTokens { get; }

    /// <summary>Per token, <c>gap &lt;&lt; 16 | length</c> in plain-text characters, or <see cref="Escape"/>.</summary>
    internal uint[] Spans { get; }

    /// <summary>Per token, its form (a row of <see cref="FormTerms"/> and <see cref="FormStems"/>).</summary>
    internal int[] Forms { get; }

    /// <summary>Per form, the word id of its normalized, unstemmed word.</summary>
    internal int[] FormTerms { get; }

    /// <summary>Per form, the word id of its indexed (proclitic-resolved) stem.</summary>
    internal int[] FormStems { get; }

    /// <summary>Absolute plain-text start and length of the escaped tokens, by token number.</summary>
    internal Dictionary<int, (int Start, int Length)> Wide { get; }

    /// <summary>The tokens of field <paramref name="field"/> of document <paramref name="doc"/>: first token number and count.</summary>
    internal (int First, int Count) Range(int doc, int field)
    {
        var f = DocFields[doc] + field;
        return (FieldTokens[f], FieldTokens[f + 1] - FieldTokens[f]);
    }

    internal static bool IsSnippetField(string name) => Array.IndexOf(Preference, name) >= 0;

    /// <summary>Whether <see cref="PlainText"/> turns <paramref name="c"/> into a space (white space and Markdown marks).</summary>
    internal static bool IsPlainSpace(char c) => char.IsWhiteSpace(c) || c is '#' or '*' or '_' or '`' or '|';

    /// <summary>The text a snippet is cut from: Markdown marks and runs of white space become one space, trimmed.</summary>
    internal static string PlainText(string markdown)
    {
        var sb = new StringBuilder(markdown.Length);
        var lastSpace = true;
        foreach (var c in markdown)
        {
            var space = IsPlainSpace(c);
            if (space)
            {
                if (!lastSpace)
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(c);
            }

            lastSpace = space;
        }

        // Only a single trailing space can be left: every white-space character became a space.
        if (sb.Length > 0 && sb[^1] == ' ')
        {
            sb.Length--;
        }

        return sb.ToString();
    }

    /// <summary>Collects the snippet tokens while the builder analyzes the documents.</summary>
    internal sealed class Builder
    {
        private readonly List<int> _docFields = [0];
        private readonly List<int> _fieldTokens = [0];
        private readonly List<uint> _spans = [];
        private readonly List<int> _forms = [];
        private readonly Dictionary<(string Term, string Stem), int> _formIds = [];
        private readonly List<(string Term, string Stem)> _formList = [];
        private readonly Dictionary<int, (int Start, int Length)> _wide = [];

        /// <summary>
        /// Adds one field (in document order). <paramref name="tokens"/> are its analyzed tokens with
        /// offsets in <paramref name="text"/>; <paramref name="stemOf"/> gives the indexed stem of each.
        /// Fields that snippets are never taken from get no tokens.
        /// </summary>
        public void AddField(string name, string text, List<AnalyzedToken> tokens, Func<string, string> stemOf)
        {
            if (IsSnippetField(name) && !string.IsNullOrWhiteSpace(text))
            {
                // Map each token's offset in the raw text to the plain text, walking both once: a token
                // holds no white space or Markdown mark, so it is copied whole and keeps its length.
                var raw = 0;
                var plain = 0;
                var lastSpace = true;
                var previousEnd = 0;
                foreach (var t in tokens)
                {
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

                    var key = (t.Term, stemOf(t.Stem));
                    if (!_formIds.TryGetValue(key, out var form))
                    {
                        _formIds[key] = form = _formList.Count;
                        _formList.Add(key);
                    }

                    _forms.Add(form);
                    previousEnd = plain + t.Length;
                }
            }

            _fieldTokens.Add(_spans.Count);
        }

        public void EndDocument() => _docFields.Add(_fieldTokens.Count - 1);

        /// <summary>The store, with the forms' words numbered as in the finished dictionaries.</summary>
        public SnippetTokens Build(Dictionary<string, TermPostings> exact, Dictionary<string, TermPostings> stems)
        {
            var formTerms = new int[_formList.Count];
            var formStems = new int[_formList.Count];
            for (var i = 0; i < _formList.Count; i++)
            {
                formTerms[i] = exact[_formList[i].Term].Id;
                formStems[i] = stems[_formList[i].Stem].Id;
            }

            return new SnippetTokens([.. _docFields], [.. _fieldTokens], [.. _spans], [.. _forms], formTerms, formStems, _wide);
        }
    }
}
