namespace CareDesk.Knowledge.Documents;

/// <summary>The articles read from a content directory and the problems found on the way.</summary>
/// <param name="Articles">The valid articles, ordered by file path.</param>
/// <param name="Problems">Problems of every file, plus duplicate ids across files.</param>
/// <param name="Files">The parse result of every file, valid or not, ordered by path.</param>
public sealed record FaqContentLoadResult(
    IReadOnlyList<FaqArticle> Articles,
    IReadOnlyList<ContentProblem> Problems,
    IReadOnlyList<FaqParseResult> Files);

/// <summary>Loads a <c>content/faq</c> directory of Markdown articles.</summary>
public static class FaqContentLoader
{
    /// <summary>
    /// Parses every <c>*.md</c> file below <paramref name="dir"/> (recursively, in ordinal path order;
    /// <c>README.md</c> files are documentation and skipped),
    /// and reports duplicate ids across files. An article with problems, or whose id another file
    /// already used, is left out of <see cref="FaqContentLoadResult.Articles"/>.
    /// </summary>
    /// <param name="dir">The directory; a missing directory is one problem, not an exception.</param>
    public static FaqContentLoadResult LoadDirectory(string dir)
    {
        if (!Directory.Exists(dir))
        {
            var missing = new ContentProblem(dir, 0, "no-directory", "content directory not found", "مجلد المحتوى غير موجود");
            return new FaqContentLoadResult([], [missing], []);
        }
        var files = Directory.EnumerateFiles(dir, "*.md", SearchOption.AllDirectories)
            .Where(path => !Path.GetFileName(path).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(path => FaqFile.Parse(path, File.ReadAllText(path)))
            .ToList();

        var problems = new List<ContentProblem>();
        var articles = new List<FaqArticle>();
        var firstById = new Dictionary<string, FaqParseResult>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            problems.AddRange(file.Problems);
            if (file.Article is not { } article)
                continue;
            if (firstById.TryGetValue(article.Id, out var first))
            {
                problems.Add(new ContentProblem(file.Path, file.LineOf(FaqFields.Id), "duplicate-id",
                    $"id '{article.Id}' is already used by {first.Path}:{first.LineOf(FaqFields.Id)}",
                    $"المعرّف '{article.Id}' مستخدم من قبل في {first.Path}:{first.LineOf(FaqFields.Id)}"));
                continue;
            }
            firstById[article.Id] = file;
            if (file.Problems.Count == 0)
                articles.Add(article);
        }
        return new FaqContentLoadResult(articles, problems, files);
    }
}
