namespace CareDesk.Data;

/// <summary>Finds the repository root (the folder holding CareDesk.sln) so relative paths mean the same from any start folder.</summary>
public static class RepositoryPaths
{
    public static string? FindRoot(string? start = null)
    {
        foreach (var origin in new[] { start ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CareDesk.sln")))
                    return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>An absolute path: as given when rooted, else under the repository root (or the current folder).</summary>
    public static string Resolve(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(FindRoot() ?? Directory.GetCurrentDirectory(), path));
}
