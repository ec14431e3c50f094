using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Validation;

/// <summary>Collects problems found in seed files, locating them by JSON path.</summary>
internal sealed class ProblemSink(ReferenceData data)
{
    public List<ContentProblem> Problems { get; } = [];

    public ReferenceData Data { get; } = data;

    public void At(string file, string jsonPath, string code, string en, string ar)
    {
        var line = Data.Lines.TryGetValue(file, out var map) ? map.LineOf(jsonPath) : 1;
        Problems.Add(new ContentProblem(Data.PathOf(file), line, code, en, ar));
    }

    /// <summary>Reports every code that occurs more than once in a list.</summary>
    public void Duplicates<T>(string file, string arrayPath, IReadOnlyList<T> items, Func<T, string> key, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (!seen.Add(key(items[i])))
                At(file, $"{arrayPath}[{i}]", "duplicate-code", $"duplicate {what} '{key(items[i])}'", $"تكرار في {what}: '{key(items[i])}'");
        }
    }
}
