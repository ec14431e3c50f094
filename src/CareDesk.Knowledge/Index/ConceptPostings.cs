using CareDesk.Knowledge.Analysis;

namespace CareDesk.Knowledge.Index;

/// <summary>
/// The posting lists of the synonym concepts (<see cref="SynonymTable.Concepts"/>): for each concept
/// one list that counts all its members as the same term, and for each one-word member one list of the
/// concept without it. A query word that is a member searches its own stem at full weight and the
/// rest of its concept as one synonym term; any other word of the concept (a verb form found through
/// a member, رجعت → رجع) searches the whole concept.
/// </summary>
internal sealed class ConceptPostings
{
    private readonly TermPostings?[] _lists;
    private readonly Dictionary<(int Concept, string Stem), int> _without;
    private readonly string?[] _names;
    private readonly SynonymTable _synonyms;

    public ConceptPostings(TermPostings?[] lists, (string Stem, int List)[][] without, SynonymTable synonyms)
    {
        _lists = lists;
        _synonyms = synonyms;
        _names = new string?[lists.Length];
        _without = [];
        for (var c = 0; c < without.Length; c++)
        {
            foreach (var (stem, list) in without[c])
            {
                _without[(c, stem)] = list;
            }
        }
    }

    /// <summary>The list a query word of indexed stem <paramref name="stem"/> searches in <paramref name="concept"/>.</summary>
    public int ListOf(int concept, string stem) => _without.TryGetValue((concept, stem), out var list) ? list : concept;

    /// <summary>The postings of a list; null when no document holds any of its words.</summary>
    public TermPostings? this[int list] => _lists[list];

    /// <summary>The list's member stems joined by «|» (for explanations), made once a snapshot.</summary>
    public string Name(int concept, int list)
    {
        if (_names[list] is { } name)
        {
            return name;
        }

        var left = list == concept ? null : _without.First(p => p.Value == list).Key.Stem;
        var members = _synonyms.Concepts[concept].Members
            .Select(m => string.Join(' ', m.Select(f => f.Stem)))
            .Where(m => m != left);
        return _names[list] = string.Join('|', members);
    }
}
