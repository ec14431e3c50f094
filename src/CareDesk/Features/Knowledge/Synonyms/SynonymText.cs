namespace CareDesk.Features.Knowledge.Synonyms;

/// <summary>The editor's text form of the synonym table: one group per line, words separated by commas (, or ،).</summary>
public static class SynonymText
{
    private static readonly char[] Separators = [',', '،', '؛', ';'];

    public static IReadOnlyList<IReadOnlyList<string>> Parse(string? text) =>
        Clean((text ?? "").Replace("\r\n", "\n").Split('\n')
            .Select(line => (IReadOnlyList<string>)line.Split(Separators).ToList()));

    public static string Format(IEnumerable<IReadOnlyList<string>> groups) =>
        string.Join('\n', groups.Select(g => string.Join("، ", g)));

    /// <summary>Trimmed words, duplicates within a group removed, groups of fewer than two words dropped.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Clean(IEnumerable<IReadOnlyList<string>> groups) =>
        groups.Select(g => (IReadOnlyList<string>)g.Select(w => w.Trim()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList())
            .Where(g => g.Count >= 2)
            .ToList();
}
