namespace CareDesk.Knowledge.Tests;

/// <summary>Finds the repository and the shared evaluation sets from the test assembly's folder.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding <c>CareDesk.sln</c>.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary><c>../shared/search-eval</c> beside the repository (CI clones <c>shared/</c> there too).</summary>
    public static string SearchEval => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "search-eval"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CareDesk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CareDesk.sln not found above {AppContext.BaseDirectory}");
    }
}
