namespace CareDesk.Testing;

/// <summary>Where the repository and its neighbours are, from a test assembly's folder.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The <c>shared/</c> folder that sits beside the repository (design docs, seeds, eval sets).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>The build configuration the tests were built with (Debug/Release), read off the test assembly's path.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).Contains("Release") ? "Release" : "Debug";

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CareDesk.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("CareDesk.sln not found above " + AppContext.BaseDirectory);
    }
}
