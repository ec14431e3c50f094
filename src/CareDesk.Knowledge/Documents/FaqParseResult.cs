namespace CareDesk.Knowledge.Documents;

/// <summary>The outcome of parsing one <c>content/faq</c> file.</summary>
/// <param name="Path">The file's path as given.</param>
/// <param name="Article">
/// The article, when at least its id, topic and Arabic title could be read; it may still have
/// <paramref name="Problems"/>.
/// </param>
/// <param name="Problems">Everything wrong with the file; empty when the file is valid.</param>
/// <param name="FieldLines">1-based file line of each front matter key that was present.</param>
/// <param name="BodyStartLine">1-based file line where the body starts.</param>
public sealed record FaqParseResult(
    string Path,
    FaqArticle? Article,
    IReadOnlyList<ContentProblem> Problems,
    IReadOnlyDictionary<string, int> FieldLines,
    int BodyStartLine)
{
    /// <summary>True when an article was read and nothing is wrong with the file.</summary>
    public bool IsValid => Article is not null && Problems.Count == 0;

    /// <summary>The line of a front matter key, or the first line when the key is absent.</summary>
    public int LineOf(string key) => FieldLines.TryGetValue(key, out var line) ? line : 1;
}
