namespace CareDesk.Knowledge.Validation;

/// <summary>Where content and seeds live in a CareDesk checkout.</summary>
public static class RepositoryLayout
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "CareDesk.sln";

    /// <summary>The FAQ articles directory, relative to the root.</summary>
    public static readonly string ContentFaqDir = Path.Combine("content", "faq");

    /// <summary>The reference data directory, relative to the root.</summary>
    public const string SeedsDir = "seeds";

    /// <summary>The nearest ancestor of <paramref name="start"/> (itself included) that holds <c>CareDesk.sln</c>, or null.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                return dir.FullName;
        }
        return null;
    }
}
