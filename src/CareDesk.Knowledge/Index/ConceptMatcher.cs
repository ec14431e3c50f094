using CareDesk.Knowledge.Analysis;

namespace CareDesk.Knowledge.Index;

/// <summary>
/// Finds the synonym concepts in a field's indexed stems while the index is built: a one-word member
/// where its stem stands, a member of several words where they stand in order. Each place counts
/// once for a concept, even where a phrase member holds another member (وزارة المالية، المالية).
/// Besides each whole concept it fills one list per one-word member: the concept without that member,
/// which is what a query word that is that member adds to its own stem (the concept minus itself, so
/// the word is not counted twice).
/// </summary>
internal sealed class ConceptMatcher
{
    private readonly Dictionary<string, (int Concept, string[] Stems)[]> _byFirstStem;
    private readonly (string Stem, int List)[][] _without;
    private readonly int[] _coveredUntil;

    public ConceptMatcher(SynonymTable synonyms, Dictionary<string, string> cliticMap)
    {
        var starts = new Dictionary<string, List<(int, string[])>>(StringComparer.Ordinal);
        _without = new (string, int)[synonyms.Concepts.Count][];
        ListCount = synonyms.Concepts.Count;
        for (var c = 0; c < synonyms.Concepts.Count; c++)
        {
            var without = new List<(string, int)>();
            foreach (var member in synonyms.Concepts[c].Members)
            {
                var stems = member.Select(f => cliticMap.GetValueOrDefault(f.Stem, f.Stem)).ToArray();
                Add(starts, stems[0], (c, stems));
                if (stems.Length == 1 && !without.Exists(w => w.Item1 == stems[0]))
                {
                    without.Add((stems[0], ListCount++));
                }

                // A one-word member also stands where a document's stem is the member as written: the
                // stemmer reads the ال of الغاء as the article, but not that of الإلغاء (stem الغاء).
                if (member.Length == 1 && member[0].Term != member[0].Stem)
                {
                    Add(starts, member[0].Term, (c, [member[0].Term]));
                }
            }

            _without[c] = without.ToArray();
        }

        _byFirstStem = starts.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _coveredUntil = new int[synonyms.Concepts.Count];
    }

    /// <summary>Lists filled: one per concept (numbered as the concepts), then one per one-word member.</summary>
    public int ListCount { get; }

    /// <summary>For each concept, its one-word members' stems and the list of the concept without each.</summary>
    public (string Stem, int List)[][] Without => _without;

    private static void Add(Dictionary<string, List<(int, string[])>> starts, string stem, (int, string[]) member)
    {
        if (!starts.TryGetValue(stem, out var list))
        {
            starts[stem] = list = [];
        }

        if (!list.Exists(m => m.Item1 == member.Item1 && m.Item2.SequenceEqual(member.Item2)))
        {
            list.Add(member);
        }
    }

    /// <summary>Adds <paramref name="weight"/> to each list once for every place of the field's stems that holds one of its members.</summary>
    public void Add(List<string> stems, float weight, IndexBuilder.Accumulator<int> tfs)
    {
        if (_byFirstStem.Count == 0)
        {
            return;
        }

        Array.Clear(_coveredUntil);
        for (var i = 0; i < stems.Count; i++)
        {
            if (!_byFirstStem.TryGetValue(stems[i], out var members))
            {
                continue;
            }

            foreach (var (concept, memberStems) in members)
            {
                if (_coveredUntil[concept] > i || !StandsAt(stems, i, memberStems))
                {
                    continue;
                }

                tfs.Add(concept, weight);
                foreach (var (stem, list) in _without[concept])
                {
                    if (memberStems.Length > 1 || !string.Equals(stem, stems[i], StringComparison.Ordinal))
                    {
                        tfs.Add(list, weight);
                    }
                }

                _coveredUntil[concept] = i + memberStems.Length;
            }
        }
    }

    private static bool StandsAt(List<string> stems, int i, string[] member)
    {
        if (i + member.Length > stems.Count)
        {
            return false;
        }

        for (var k = 1; k < member.Length; k++)
        {
            if (!string.Equals(stems[i + k], member[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
