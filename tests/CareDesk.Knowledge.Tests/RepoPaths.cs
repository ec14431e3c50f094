using CareDesk.Knowledge.Validation;

namespace CareDesk.Knowledge.Tests;

/// <summary>Paths of the checkout the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = RepositoryLayout.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("CareDesk.sln not found above " + AppContext.BaseDirectory);

    public static string Seeds => Path.Combine(Root, RepositoryLayout.SeedsDir);

    public static string ContentFaq => Path.Combine(Root, RepositoryLayout.ContentFaqDir);

    /// <summary>The design folder CI clones beside the repository.</summary>
    public static string SharedDesign => Path.Combine(Root, "..", "shared", "design");
}
