using System.Runtime.CompilerServices;
using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Index;

namespace CareDesk.Knowledge.Search;

/// <summary>The kinds of query clause.</summary>
internal enum ClauseKind
{
    Exact,
    Stem,
    Phrase,
    Synonym,
    Fuzzy,
    Prefix,
    Gram,
}

/// <summary>One weighted term lookup of a compiled query; a synonym clause names its concept (<see cref="SynonymTable.Concepts"/>), other clauses −1.</summary>
internal readonly record struct Clause(ClauseKind Kind, string Term, float Weight, TermPostings Postings, int Concept = -1);

/// <summary>
/// Turns query text into weighted clauses against one snapshot: for each word its exact form and its
/// stem; for adjacent words their stem bigram; the synonym concept of each word (all its synonyms as
/// one term); for a word the index has never seen and the synonym table does not know, first a
/// conjunction/preposition letter split off (برقم → رقم), then words within edit distance; and for
/// the last word, the words it begins (type-ahead).
/// </summary>
internal static class QueryCompiler
{
    private const string PrefixLetters = "وفبلك";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compile(KnowledgeIndex index, string query, bool prefix, List<AnalyzedToken> tokens, List<Clause> clauses)
    {
        tokens.Clear();
        clauses.Clear();
        index.Analyzer.Analyze(query ?? "", tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (index.CliticMap.TryGetValue(tokens[i].Stem, out var resolved))
            {
                tokens[i] = tokens[i] with { Stem = resolved };
            }
        }

        var o = index.Options;
        var lastStemMatched = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var exact = index.Exact.GetValueOrDefault(t.Term);
            var stem = index.Stems.GetValueOrDefault(t.Stem);
            var stemIdf = stem?.Idf ?? 0f;

            var concept = index.Synonyms.ConceptOf(t.Term, t.Stem);
            var known = concept >= 0 && index.Concepts[concept] is not null;
            var conceptList = concept >= 0 ? index.Concepts.ListOf(concept, t.Stem) : -1;
            var conceptPostings = concept >= 0 ? index.Concepts[conceptList] : null;

            // Words in nearly every document (idf ≈ 0) cannot change the ranking but cost the longest scans.
            exact = exact?.Idf < o.MinIdf ? null : exact;
            stem = stem?.Idf < o.MinIdf ? null : stem;
            if (exact is not null && o.ExactWeight > 0)
            {
                clauses.Add(new Clause(ClauseKind.Exact, t.Term, o.ExactWeight, exact));
            }

            if (stem is not null && o.StemWeight > 0)
            {
                lastStemMatched = i == tokens.Count - 1;
                clauses.Add(new Clause(ClauseKind.Stem, t.Stem, o.StemWeight, stem));
            }
            else if (exact is null && stemIdf == 0f)
            {
                // A word the synonym table knows (يرجع) is no typo, even where no document spells it so.
                AddUnknownWord(index, t, typo: !known, clauses);
            }

            // The synonyms count once, as one term holding them all: a document that says ارجع، ترجيع،
            // استرجاع and استرداد is not four times about returning money. The list leaves out the
            // word's own stem, which its stem clause already counts.
            if (conceptPostings is not null && o.SynonymWeight > 0 && conceptPostings.Idf >= o.MinIdf)
            {
                // Nor do the synonyms weigh more than the word typed: a common formal word (استرداد)
                // must not turn into its rare colloquial twins and outscore everything.
                var cap = stemIdf == 0f ? 1f : Math.Min(1f, stemIdf / conceptPostings.Idf);
                clauses.Add(new Clause(ClauseKind.Synonym, index.Concepts.Name(concept, conceptList), o.SynonymWeight * cap, conceptPostings, concept));
            }

            if (o.GramWeight > 0 && KnowledgeIndex.HasGrams(t.Stem))
            {
                AddGrams(index, t.Stem, clauses);
            }

            if (i > 0 && o.PhraseWeight > 0)
            {
                AddBigram(index, tokens[i - 1].Stem, t.Stem, clauses);
            }
        }

        if (prefix && tokens.Count > 0 && tokens[^1].Kind != TokenKind.Number && tokens[^1].Term.Length >= 2)
        {
            AddPrefix(index, tokens[^1].Term, lastStemMatched ? tokens[^1].Stem : null, clauses);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddUnknownWord(KnowledgeIndex index, AnalyzedToken t, bool typo, List<Clause> clauses)
    {
        var o = index.Options;
        if (t.Kind == TokenKind.Arabic && t.Term.Length >= 4 && PrefixLetters.Contains(t.Term[0]))
        {
            var rest = ArabicStemmer.Stem(t.Term[1..]);
            if (index.Stems.TryGetValue(rest, out var p))
            {
                clauses.Add(new Clause(ClauseKind.Stem, rest, o.StemWeight, p));
                return;
            }
        }

        if (typo && t.Kind != TokenKind.Number && o.FuzzyWeight > 0)
        {
            AddFuzzy(index, t.Term, clauses);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddFuzzy(KnowledgeIndex index, string term, List<Clause> clauses)
    {
        var max = term.Length switch
        {
            < 4 => 0,
            < 8 => 1,
            _ => 2,
        };
        if (max == 0)
        {
            return;
        }

        // Typos are looked for among words with the same first letter, at the best distance found.
        var candidates = FuzzyBuffer ??= new List<int>(16);
        var best = TypoMatcher.Find(index.Words, term, max, candidates);

        // The three most frequent; among equals the shorter, then the ordinal first.
        var words = index.Words;
        Span<int> top = stackalloc int[3];
        var n = 0;
        foreach (var c in candidates)
        {
            var j = n < top.Length ? n++ : top.Length;
            while (j > 0 && MoreFrequent(words, c, top[j - 1]))
            {
                if (j < top.Length)
                {
                    top[j] = top[j - 1];
                }

                j--;
            }

            if (j < top.Length)
            {
                top[j] = c;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var candidate = words.Words[top[i]];
            clauses.Add(new Clause(ClauseKind.Fuzzy, candidate, index.Options.FuzzyWeight / best, index.Exact[candidate]));
        }
    }

    [ThreadStatic]
    private static List<int>? FuzzyBuffer;

    /// <summary>Word a before word b: more documents, then shorter, then first in ordinal order (a lower number).</summary>
    private static bool MoreFrequent(SortedWords words, int a, int b)
    {
        var (da, db) = (words.DocFrequencies[a], words.DocFrequencies[b]);
        return da != db ? da > db : words.LengthOf(a) != words.LengthOf(b) ? words.LengthOf(a) < words.LengthOf(b) : a < b;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddGrams(KnowledgeIndex index, string stem, List<Clause> clauses)
    {
        var count = KnowledgeIndex.GramCount(stem);
        for (var i = 0; i < count; i++)
        {
            var key = KnowledgeIndex.GramKey(stem, i);
            if (index.Grams.TryGetValue(key, out var p) && p.DocFrequency <= index.MaxGramDocFrequency)
            {
                clauses.Add(new Clause(ClauseKind.Gram, KnowledgeIndex.GramText(key), index.Options.GramWeight, p));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddBigram(KnowledgeIndex index, string first, string second, List<Clause> clauses)
    {
        if (index.Bigrams.TryGetValue(KnowledgeIndex.BigramKey(first, second), out var p))
        {
            clauses.Add(new Clause(ClauseKind.Phrase, string.Concat(first, " ", second), index.Options.PhraseWeight, p));
        }
    }

    /// <summary>
    /// The words the last query word begins: of the first 256, the most frequent (the first in ordinal
    /// order among equals). When the typed word's stem matched (<paramref name="matchedStem"/>), the
    /// words of that same stem (its inflections: تأشير → تأشيرة، تأشيرات) are left out: the stem
    /// clause already finds every document that holds them, at full weight, and in a large index they
    /// are the longest posting lists a query has (8 × 40,000 documents at 100k synthetic articles).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddPrefix(KnowledgeIndex index, string term, string? matchedStem, List<Clause> clauses)
    {
        var words = index.Words;
        var lo = Array.BinarySearch(words.Words, term, StringComparer.Ordinal);
        lo = lo < 0 ? ~lo : lo + 1;
        var max = index.Options.MaxPrefixExpansions;
        Span<int> top = max <= 64 ? stackalloc int[max] : new int[max];
        var n = 0;
        for (var i = lo; i < words.Words.Length && i < lo + 256 && words.StartsWith(i, term); i++)
        {
            if (matchedStem is not null && words.Stems[i] == matchedStem)
            {
                continue;
            }

            var j = n < max ? n++ : max;
            while (j > 0 && words.DocFrequencies[i] > words.DocFrequencies[top[j - 1]])
            {
                if (j < max)
                {
                    top[j] = top[j - 1];
                }

                j--;
            }

            if (j < max)
            {
                top[j] = i;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var name = words.Words[top[i]];
            clauses.Add(new Clause(ClauseKind.Prefix, name, index.Options.PrefixWeight, index.Exact[name]));
        }
    }
}
