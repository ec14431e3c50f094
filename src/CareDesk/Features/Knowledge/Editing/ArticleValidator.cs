using CareDesk.Features.Reference;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Validation;

namespace CareDesk.Features.Knowledge.Editing;

/// <summary>
/// Checks an article before review and publishing as <c>validate-content</c> checks a file: the
/// content format (<see cref="ArticleChecks"/>), then its topic, case types, agencies, channels and
/// sources against the node's current reference data.
/// </summary>
public sealed class ArticleValidator(ReferenceSnapshot reference)
{
    public IReadOnlyList<ContentProblem> Problems(FaqArticle article)
    {
        var path = article.Id + ".md";
        var parsed = FaqFile.Parse(path, FaqFile.Write(article));
        if (parsed.Problems.Count > 0)
            return parsed.Problems;
        var data = reference.Current.Data;
        // Only this article's own problems: "topic without article" concerns the whole knowledge base.
        return ContentValidator.ValidateArticles(new FaqContentLoadResult([], [], [parsed]), data)
            .Where(p => p.File == path)
            .ToList();
    }
}
