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

    private SynonymTable(Dictionary<string, SynonymForm[]> byKey, int groupCount)
    {
        _byKey = byKey;
        GroupCount = groupCount;
    }

    /// <summary>A table with no groups.</summary>
    public static SynonymTable Empty { get; } = new(new Dictionary<string, SynonymForm[]>(StringComparer.Ordinal), 0);

    /// <summary>Number of groups.</summary>
    public int GroupCount { get; }

    /// <summary>Builds a table from word groups; each word is analyzed with <paramref name="analyzer"/>.</summary>
    public static SynonymTable FromGroups(IEnumerable<IReadOnlyList<string>> groups, TextAnalyzer? analyzer = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var a = analyzer ?? TextAnalyzer.Default;
        var lists = new Dictionary<string, List<SynonymForm>>(StringComparer.Ordinal);
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
            foreach (var key in members.Where(m => m.Length == 1).Select(m => m[0]))
            {
                foreach (var k in new[] { key.Term, key.Stem }.Distinct())
                {
                    if (!lists.TryGetValue(k, out var list))
                    {
                        lists[k] = list = [];
                    }

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

        return new SynonymTable(lists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), count);
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
}
