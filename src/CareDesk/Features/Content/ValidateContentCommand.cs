using CareDesk.Knowledge.Validation;

namespace CareDesk.Features.Content;

/// <summary>
/// <c>validate-content [--content DIR] [--seeds DIR]</c>: checks the FAQ articles and the seed files
/// together, prints each problem as <c>file:line: message</c> and exits 1, or prints a summary and
/// exits 0. Directories default to <c>content/faq</c> and <c>seeds</c> under the repository root
/// (the nearest ancestor of the current directory holding CareDesk.sln); a relative DIR that does not
/// exist from the current directory is taken from the root.
/// </summary>
internal static class ValidateContentCommand
{
    private const string Usage = "usage: validate-content [--content DIR] [--seeds DIR]";

    public static Task<int> RunAsync(string[] args)
    {
        string? content = null, seeds = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--content" when i + 1 < args.Length:
                    content = args[++i];
                    break;
                case "--seeds" when i + 1 < args.Length:
                    seeds = args[++i];
                    break;
                case "-h" or "--help":
                    System.Console.WriteLine(Usage);
                    return Task.FromResult(0);
                default:
                    System.Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}' — وسيط غير معروف أو ناقص\n{Usage}");
                    return Task.FromResult(2);
            }
        }

        var root = RepositoryLayout.FindRoot(Environment.CurrentDirectory) ?? RepositoryLayout.FindRoot(AppContext.BaseDirectory);
        if ((content is null || seeds is null) && root is null)
        {
            System.Console.Error.WriteLine("CareDesk.sln not found above the current directory: pass --content and --seeds — " +
                                    "لم يُعثر على CareDesk.sln؛ حدّد --content و --seeds");
            return Task.FromResult(2);
        }
        content = content is null ? Path.Combine(root!, RepositoryLayout.ContentFaqDir) : Resolve(content, root);
        seeds = seeds is null ? Path.Combine(root!, RepositoryLayout.SeedsDir) : Resolve(seeds, root);

        var result = ContentValidator.Validate(content, seeds);
        foreach (var problem in result.Problems)
            System.Console.WriteLine(problem with { File = Display(problem.File, root) });
        if (!result.IsValid)
        {
            System.Console.Error.WriteLine($"{result.Problems.Count} problem(s) — {result.Problems.Count} مشكلة");
            return Task.FromResult(1);
        }
        System.Console.WriteLine(result.Summary);
        return Task.FromResult(0);
    }

    // `dotnet run --project src/CareDesk` starts in the project folder while people write paths from
    // the repository root: a relative path that does not exist here is taken from the root.
    private static string Resolve(string path, string? root) =>
        Path.IsPathRooted(path) || Directory.Exists(path) || root is null ? path : Path.Combine(root, path);

    // Paths inside the repository are shown from its root, whatever directory `dotnet run` started in.
    private static string Display(string file, string? root)
    {
        var full = Path.GetFullPath(file);
        if (root is null)
            return file;
        var relative = Path.GetRelativePath(root, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}
