using System.Net;
using System.Text;
using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;

namespace CareDesk.Knowledge.Tests.Search;

/// <summary>
/// The snippets as they were built before the index stored token offsets (kept as the reference
/// <see cref="SnippetsTests"/> compares with): every returned hit's preferred fields were cleaned of
/// Markdown and analyzed again at query time, and a token matched when its word or stem was a clause's term.
/// </summary>
internal static class ReferenceSnippets
{
    private const int Window = 160;

    private static readonly string[] Preference = [FieldNames.Summary, FieldNames.Body, FieldNames.Text, FieldNames.Title, FieldNames.Keywords];

    public static string Build(KnowledgeIndex index, IndexDocument doc, List<Clause> clauses)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in clauses)
        {
            if (c.Kind == ClauseKind.Synonym)
            {
                var members = index.Synonyms.Concepts[c.Concept].Members;
                wanted.UnionWith(members.SelectMany(m => m).Select(f => f.Stem));
                wanted.UnionWith(members.Where(m => m.Length == 1).Select(m => m[0].Term));
            }
            else if (c.Kind is not (ClauseKind.Phrase or ClauseKind.Gram))
            {
                wanted.Add(c.Term);
            }
        }

        string? bestText = null;
        List<AnalyzedToken>? bestTokens = null;
        var bestCount = -1;
        var bestStart = 0;
        foreach (var name in Preference)
        {
            // The first prose field with a match is the snippet: bodies are long, and analyzing them
            // for every hit when the summary already shows the match cost most of a search.
            if (bestCount > 0)
            {
                break;
            }

            foreach (var field in doc.Fields)
            {
                if (field.Name != name || string.IsNullOrWhiteSpace(field.Text))
                {
                    continue;
                }

                var text = PlainText(field.Text);
                var tokens = Resolve(index, index.Analyzer.Analyze(text));
                var (count, start) = DensestWindow(tokens, wanted);

                if (count > bestCount)
                {
                    (bestText, bestTokens, bestCount, bestStart) = (text, tokens, count, start);
                }
            }
        }

        return bestText is null ? "" : Render(bestText, bestTokens!, wanted, bestStart);
    }

    private static List<AnalyzedToken> Resolve(KnowledgeIndex index, List<AnalyzedToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            tokens[i] = tokens[i] with { Stem = index.ResolveStem(tokens[i].Stem) };
        }

        return tokens;
    }

    private static bool Matches(AnalyzedToken t, HashSet<string> wanted) => wanted.Contains(t.Term) || wanted.Contains(t.Stem);

    private static (int Count, int Start) DensestWindow(List<AnalyzedToken> tokens, HashSet<string> wanted)
    {
        var best = 0;
        var bestStart = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!Matches(tokens[i], wanted))
            {
                continue;
            }

            var n = 0;
            for (var j = i; j < tokens.Count && tokens[j].Start < tokens[i].Start + Window; j++)
            {
                n += Matches(tokens[j], wanted) ? 1 : 0;
            }

            if (n > best)
            {
                (best, bestStart) = (n, tokens[i].Start);
            }
        }

        return (best, bestStart);
    }

    private static string Render(string text, List<AnalyzedToken> tokens, HashSet<string> wanted, int matchStart)
    {
        // Where to cut is shared with the library (Snippets.Bounds): the reference checks the tokens and marks.
        var (start, end, before, after) = Snippets.Bounds(text, matchStart);
        var sb = new StringBuilder();
        if (before)
        {
            sb.Append('…');
        }

        var pos = start;
        foreach (var t in tokens)
        {
            if (t.Start < start || t.Start + t.Length > end || !Matches(t, wanted))
            {
                continue;
            }

            sb.Append(WebUtility.HtmlEncode(text[pos..t.Start]));
            sb.Append("<mark>").Append(WebUtility.HtmlEncode(text.Substring(t.Start, t.Length))).Append("</mark>");
            pos = t.Start + t.Length;
        }

        sb.Append(WebUtility.HtmlEncode(text[pos..end]));
        if (after)
        {
            sb.Append('…');
        }

        return sb.ToString().Trim();
    }

    internal static string PlainText(string markdown)
    {
        var sb = new StringBuilder(markdown.Length);
        var lastSpace = true;
        foreach (var c in markdown)
        {
            var space = char.IsWhiteSpace(c) || c is '#' or '*' or '_' or '`' or '|';
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

        return sb.ToString().Trim();
    }
}
