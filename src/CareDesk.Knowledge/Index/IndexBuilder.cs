using CareDesk.Knowledge.Analysis;

namespace CareDesk.Knowledge.Index;

/// <summary>Two passes over the documents: field lengths first, then length-normalized postings.</summary>
internal static class IndexBuilder
{
    public static KnowledgeIndex Build(IndexDocument[] docs, TextAnalyzer analyzer, SynonymTable synonyms, IndexOptions options)
    {
        var fieldIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var lengths = new List<int[]>(docs.Length);
        var totals = new List<double>();
        var tokens = new List<AnalyzedToken>(256);
        var stemCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in docs)
        {
            var docLengths = new int[doc.Fields.Count];
            for (var f = 0; f < doc.Fields.Count; f++)
            {
                var id = FieldId(fieldIds, totals, doc.Fields[f].Name);
                tokens.Clear();
                analyzer.Analyze(doc.Fields[f].Text ?? "", tokens);
                docLengths[f] = tokens.Count;
                foreach (var t in tokens)
                {
                    stemCounts[t.Stem] = stemCounts.GetValueOrDefault(t.Stem) + 1;
                }

                totals[id] += tokens.Count;
            }

            lengths.Add(docLengths);
        }

        var cliticMap = CliticMap(stemCounts);
        var averages = totals.Select(t => docs.Length == 0 ? 1.0 : Math.Max(1.0, t / docs.Length)).ToArray();
        var exact = new Accumulator<string>(StringComparer.Ordinal);
        var stems = new Accumulator<string>(StringComparer.Ordinal);
        var bigrams = new Accumulator<ulong>(EqualityComparer<ulong>.Default);
        var grams = new Accumulator<ulong>(EqualityComparer<ulong>.Default);
        var termStems = new Dictionary<string, string>(StringComparer.Ordinal);
        var snippets = new SnippetTokens.Builder();
        var resolved = new List<string>(256);
        var concepts = new ConceptMatcher(synonyms, cliticMap);
        var conceptTfs = new Accumulator<int>(EqualityComparer<int>.Default);
        for (var d = 0; d < docs.Length; d++)
        {
            var doc = docs[d];
            for (var f = 0; f < doc.Fields.Count; f++)
            {
                var field = doc.Fields[f];
                var fo = options.For(field.Name);
                var norm = 1 - fo.B + (fo.B * lengths[d][f] / averages[fieldIds[field.Name]]);
                var w = (float)(fo.Weight / norm);
                tokens.Clear();
                analyzer.Analyze(field.Text ?? "", tokens);
                var previous = "";
                resolved.Clear();
                for (var i = 0; i < tokens.Count; i++)
                {
                    var stem = cliticMap.GetValueOrDefault(tokens[i].Stem, tokens[i].Stem);
                    resolved.Add(stem);
                    exact.Add(tokens[i].Term, w);
                    termStems.TryAdd(tokens[i].Term, stem);
                    stems.Add(stem, w);
                    if (options.GramWeight > 0 && KnowledgeIndex.HasGrams(stem))
                    {
                        AddGrams(grams, stem, w);
                    }

                    if (i > 0 && fo.Phrases)
                    {
                        bigrams.Add(KnowledgeIndex.BigramKey(previous, stem), w);
                    }

                    previous = stem;
                }

                concepts.Add(resolved, w, conceptTfs);
                snippets.AddField(field.Name, field.Text ?? "", tokens, resolved);
            }

            snippets.EndDocument();
            conceptTfs.EndDocument(d);
            exact.EndDocument(d);
            stems.EndDocument(d);
            bigrams.EndDocument(d);
            grams.EndDocument(d);
        }

        // Word ids for snippets: the exact words first, then the stems no word is spelt like.
        var nextId = 0;
        var exactPostings = exact.ToPostings(docs.Length, options.K1, _ => nextId++);
        var stemPostings = stems.ToPostings(docs.Length, options.K1, s => exactPostings.TryGetValue(s, out var p) ? p.Id : nextId++);
        var conceptLists = new TermPostings?[concepts.ListCount];
        foreach (var (list, p) in conceptTfs.ToPostings(docs.Length, options.K1))
        {
            conceptLists[list] = p;
        }

        return new KnowledgeIndex(
            docs,
            exactPostings,
            stemPostings,
            bigrams.ToPostings(docs.Length, options.K1),
            grams.ToPostings(docs.Length, options.K1),
            new ConceptPostings(conceptLists, concepts.Without, synonyms),
            cliticMap,
            termStems,
            snippets.Build(exactPostings, stemPostings),
            analyzer,
            synonyms,
            options);
    }

    /// <summary>
    /// Stems that still start with a one-letter proclitic (ب ل ك ف و: لأوكرانيا، برقم، لحسابي) mapped
    /// to the stem of the rest, when the corpus uses that rest on its own more often than the whole.
    /// Decided from the corpus, so words that merely begin with those letters (بنك، لبنان) stay whole.
    /// </summary>
    internal static Dictionary<string, string> CliticMap(Dictionary<string, int> stemCounts)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (stem, count) in stemCounts)
        {
            var rest = StripClitic(stem);
            if (rest is not null && stemCounts.GetValueOrDefault(rest) > count)
            {
                map[stem] = rest;
            }
        }

        return map;
    }

    internal static string? StripClitic(string stem) =>
        stem.Length >= 4 && "وفبلك".Contains(stem[0]) && ArabicStemmer.IsArabicLetter(stem[1]) ? ArabicStemmer.Stem(stem[1..]) : null;

    private static void AddGrams(Accumulator<ulong> grams, string stem, float w)
    {
        var count = KnowledgeIndex.GramCount(stem);
        for (var i = 0; i < count; i++)
        {
            grams.Add(KnowledgeIndex.GramKey(stem, i), w);
        }
    }

    private static int FieldId(Dictionary<string, int> ids, List<double> totals, string name)
    {
        if (!ids.TryGetValue(name, out var id))
        {
            ids[name] = id = ids.Count;
            totals.Add(0);
        }

        return id;
    }

    /// <summary>Per-document weighted term frequencies, gathered into per-term posting lists.</summary>
    internal sealed class Accumulator<TKey>
        where TKey : notnull
    {
        private readonly Dictionary<TKey, float> _current;
        private readonly Dictionary<TKey, (List<int> Docs, List<float> Tfs)> _terms;

        public Accumulator(IEqualityComparer<TKey> comparer)
        {
            _current = new Dictionary<TKey, float>(comparer);
            _terms = new Dictionary<TKey, (List<int> Docs, List<float> Tfs)>(comparer);
        }

        public void Add(TKey term, float weightedTf)
        {
            ref var tf = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_current, term, out _);
            tf += weightedTf;
        }

        public void EndDocument(int doc)
        {
            foreach (var (term, tf) in _current)
            {
                ref var p = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_terms, term, out var exists);
                if (!exists)
                {
                    p = ([], []);
                }

                p.Docs.Add(doc);
                p.Tfs.Add(tf);
            }

            _current.Clear();
        }

        public Dictionary<TKey, TermPostings> ToPostings(int docCount, float k1, Func<TKey, int>? idOf = null)
        {
            var result = new Dictionary<TKey, TermPostings>(_terms.Count, _terms.Comparer);
            foreach (var (term, p) in _terms)
            {
                var df = p.Docs.Count;
                var idf = (float)Math.Log(1 + ((docCount - df + 0.5) / (df + 0.5)));
                var scores = new float[df];
                for (var i = 0; i < df; i++)
                {
                    var tf = p.Tfs[i];
                    scores[i] = idf * tf / (k1 + tf);
                }

                result[term] = new TermPostings(p.Docs.ToArray(), scores, idf, idOf?.Invoke(term) ?? -1);
            }

            _terms.Clear();
            return result;
        }
    }
}
