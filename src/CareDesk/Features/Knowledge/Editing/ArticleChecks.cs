using System.Text.RegularExpressions;
using CareDesk.Knowledge.Documents;

namespace CareDesk.Features.Knowledge.Editing;

/// <summary>The content format's checks applied to an article being edited, as if it were a file.</summary>
public static partial class ArticleChecks
{
    /// <summary>The problems <see cref="FaqFile.Parse"/> finds in the article written as a file.</summary>
    public static IReadOnlyList<ContentProblem> Problems(FaqArticle article) =>
        FaqFile.Parse(article.Id + ".md", FaqFile.Write(article)).Problems;

    public static bool IsValidId(string? id) => id is not null && KebabCase().IsMatch(id);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
