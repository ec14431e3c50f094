using CareDesk.Features.Accounts;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Knowledge.Documents;
using CareDesk.Testing;

namespace CareDesk.Tests.Knowledge;

/// <summary>Actors and a valid article for the knowledge editing tests.</summary>
internal static class KnowledgeFixtures
{
    public static readonly EditorActor Editor = EditorActor.Of("editor1", Roles.Editor);
    public static readonly EditorActor OtherEditor = EditorActor.Of("editor2", Roles.Editor);
    public static readonly EditorActor Reviewer = EditorActor.Of("reviewer1", Roles.Reviewer);
    public static readonly EditorActor Agent = EditorActor.Of("agent1", Roles.Agent);

    /// <summary>Someone holding both roles: may review, but never their own revision.</summary>
    public static readonly EditorActor EditorReviewer = EditorActor.Of("both1", Roles.Editor, Roles.Reviewer);

    /// <summary>Creates the article, submits it as <see cref="Editor"/> and has <see cref="Reviewer"/> publish it.</summary>
    public static async Task PublishNewAsync(ArticleWorkflow workflow, FaqArticle article)
    {
        await workflow.CreateAsync(article, "new", Editor);
        await workflow.SubmitAsync(article.Id, 1, Editor);
        await workflow.ApproveAsync(article.Id, 1, null, Reviewer);
    }

    /// <summary>A real article from content/faq under a new, unique id.</summary>
    public static FaqArticle Article(string? id = null, string? extraBodyLine = null)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "content", "faq", "mof-contact.md");
        var article = FaqFile.Parse(path, File.ReadAllText(path)).Article!;
        id ??= "t-" + Guid.NewGuid().ToString("N")[..10];
        return article with
        {
            Id = id,
            Body = extraBodyLine is null ? article.Body : article.Body + "\n\n" + extraBodyLine,
        };
    }
}
