using System.Text.Json;

namespace CareDesk.Knowledge.Analysis;

/// <summary>One alternative form a query word expands to.</summary>
/// <param name="Term">Normalized term of the alternative.</param>
/// <param name="Stem">Stem of the alternative.</param>
public readonly record struct SynonymForm(string Term, string Stem);

/// <summary>
/// Groups of interchangeable words (colloquial ↔ formal, Arabic ↔ Latin), applied at query time: a
/// query word that belongs to a group also searches the group's other words, at a lower weight.
/// Words are matched after analysis, so editors may write them with or without hamza, with or without
/// the article. Loaded from <c>seeds/synonyms.json</c>: <c>{"groups": [["فلوس", "مبلغ"], …]}</c>.
/// Immutable once built.
/// </summary>
public sealed class SynonymTable
{
    private readonly Dictionary<string, SynonymForm[]> _byKey;
    private readonly Dictionary<string, int> _conceptByKey;

    private SynonymTable(Dictionary<string, SynonymForm[]> byKey, Dictionary<string, int> conceptByKey, SynonymConcept[] concepts, int groupCount)
    {
        _byKey = byKey;
        _conceptByKey = conceptByKey;
        Concepts = concepts;
        GroupCount = groupCount;
    }

    /// <summary>A table with no groups.</summary>
    public static SynonymTable Empty { get; } = new(new Dictionary<string, SynonymForm[]>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal), [], 0);

    /// <summary>Number of groups.</summary>
    public int GroupCount { get; }

    /// <summary>
    /// The concepts the index scores as one term each: the members of the groups that share a key word
    /// (a word in two groups, سداد, joins them). Numbered by their position here.
    /// </summary>
    public IReadOnlyList<SynonymConcept> Concepts { get; }

    /// <summary>Builds a table from word groups; each word is analyzed with <paramref name="analyzer"/>.</summary>
    public static SynonymTable FromGroups(IEnumerable<IReadOnlyList<string>> groups, TextAnalyzer? analyzer = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var a = analyzer ?? TextAnalyzer.Default;
        var lists = new Dictionary<string, List<SynonymForm>>(StringComparer.Ordinal);
        var groupsOfKey = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        var memberLists = new List<List<SynonymForm[]>>();
        var count = 0;
        foreach (var group in groups)
        {
            // A member of several words (السجل المدني) is searched for all its words, but only
            // one-word members trigger the group: a single word of a phrase is not the phrase.
            var members = group.Select(w => a.Analyze(w).Select(t => new SynonymForm(t.Term, t.Stem)).ToArray())
                .Where(m => m.Length > 0)
                .ToList();
            if (members.Count < 2)
            {
                continue;
            }

            count++;
            memberLists.Add(members);
            foreach (var key in members.Where(m => m.Length == 1).Select(m => m[0]))
            {
                foreach (var k in new[] { key.Term, key.Stem }.Distinct())
                {
                    if (!lists.TryGetValue(k, out var list))
                    {
                        lists[k] = list = [];
                        groupsOfKey[k] = [];
                    }

                    groupsOfKey[k].Add(memberLists.Count - 1);

                    foreach (var other in members.SelectMany(m => m))
                    {
                        if (other.Stem != key.Stem && !list.Exists(f => f.Stem == other.Stem))
                        {
                            list.Add(other);
                        }
                    }
                }
            }
        }

        var (conceptByKey, concepts) = BuildConcepts(groupsOfKey, memberLists);
        return new SynonymTable(lists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), conceptByKey, concepts, count);
    }

    /// <summary>One concept per distinct set of groups a key belongs to: most keys are in one group, and its members are the concept.</summary>
    private static (Dictionary<string, int> ByKey, SynonymConcept[] Concepts) BuildConcepts(
        Dictionary<string, SortedSet<int>> groupsOfKey, List<List<SynonymForm[]>> memberLists)
    {
        var bySignature = new Dictionary<string, int>(StringComparer.Ordinal);
        var concepts = new List<SynonymConcept>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, groupSet) in groupsOfKey)
        {
            var signature = string.Join(',', groupSet);
            if (!bySignature.TryGetValue(signature, out var id))
            {
                var members = new List<SynonymForm[]>();
                foreach (var m in groupSet.SelectMany(g => memberLists[g]))
                {
                    if (!members.Exists(x => x.Select(f => f.Stem).SequenceEqual(m.Select(f => f.Stem))))
                    {
                        members.Add(m);
                    }
                }

                bySignature[signature] = id = concepts.Count;
                concepts.Add(new SynonymConcept(members.ToArray()));
            }

            byKey[key] = id;
        }

        return (byKey, concepts.ToArray());
    }

    /// <summary>Parses the JSON form: an object with a <c>groups</c> array of string arrays.</summary>
    /// <exception cref="FormatException">The JSON does not have that shape.</exception>
    public static SynonymTable FromJson(string json, TextAnalyzer? analyzer = null)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!doc.RootElement.TryGetProperty("groups", out var groupsElement) || groupsElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("synonyms: expected an object with a \"groups\" array");
        }

        var groups = new List<IReadOnlyList<string>>();
        foreach (var g in groupsElement.EnumerateArray())
        {
            if (g.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("synonyms: every group must be an array of strings");
            }

            groups.Add(g.EnumerateArray().Select(e => e.GetString() ?? "").Where(s => s.Length > 0).ToList());
        }

        return FromGroups(groups, analyzer);
    }

    /// <summary>Loads <paramref name="path"/> (see <see cref="FromJson"/>).</summary>
    public static SynonymTable Load(string path, TextAnalyzer? analyzer = null) => FromJson(File.ReadAllText(path), analyzer);

    /// <summary>The alternatives of a word given by its normalized term and stem; empty when none.</summary>
    public ReadOnlySpan<SynonymForm> Lookup(string term, string stem)
    {
        if (_byKey.TryGetValue(term, out var forms) || _byKey.TryGetValue(stem, out forms))
        {
            return forms;
        }

        return [];
    }

    /// <summary>
    /// The number of the concept (<see cref="Concepts"/>) of a word given by its normalized term and
    /// stem, or −1. A spoken verb form the table does not list (رجعت، يرجعوها، ندفع) is found by the
    /// form it shares with a listed word once its person prefix and ending are taken off (see
    /// <see cref="ColloquialVerb"/>).
    /// </summary>
    public int ConceptOf(string term, string stem)
    {
        if (_conceptByKey.TryGetValue(term, out var id) || _conceptByKey.TryGetValue(stem, out id))
        {
            return id;
        }

        // Without the ending, without the prefix, without both: span lookups, no strings made.
        var s = stem.AsSpan();
        var end = ColloquialVerb.EndingLength(s);
        var start = ColloquialVerb.PrefixLength(s);
        var lookup = _conceptByKey.GetAlternateLookup<ReadOnlySpan<char>>();
        if ((end > 0 && lookup.TryGetValue(s[..^end], out id))
            || (start > 0 && lookup.TryGetValue(s[start..], out id))
            || (end > 0 && start > 0 && s.Length - end - start >= ColloquialVerb.MinBase && lookup.TryGetValue(s[start..^end], out id)))
        {
            return id;
        }

        return -1;
    }
}

/// <summary>
/// Words that stand for one thing (a synonym group, or groups joined by a shared word): the index
/// scores all of them as one term, so a query word counts once however many of them a document uses.
/// </summary>
/// <param name="Members">Each member's analyzed words; a member of several words (السجل المدني) counts where they stand together.</param>
public sealed record SynonymConcept(IReadOnlyList<SynonymForm[]> Members);
