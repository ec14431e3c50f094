using System.Globalization;
using System.Text.Json;
using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;

namespace CareDesk.Features.Search;

/// <summary>
/// The <c>search</c> and <c>eval-search</c> command-line verbs: rank the FAQ files (or a plain
/// <c>id&lt;TAB&gt;text</c> corpus) without a database, for measuring search quality.
/// </summary>
internal static class SearchCommands
{
    private const string Usage = """
        usage: search "<query>" [--top N] [--json] [--content DIR] [--synonyms FILE] [--no-prefix] [--explain ID]
               eval-search QUERIES.tsv [--content DIR | --corpus CORPUS.tsv] [--synonyms FILE] [--prefix]
        """;

    public static Task<int> SearchAsync(string[] args)
    {
        var (positional, options) = Parse(args);
        if (positional.Count != 1)
        {
            return Fail(Usage);
        }

        if (!TryBuildIndex(options, out var index, out var error))
        {
            return Fail(error);
        }

        var top = options.TryGetValue("top", out var t) && int.TryParse(t, CultureInfo.InvariantCulture, out var n) ? n : 10;
        var request = new SearchRequest { Query = positional[0], Top = top, Prefix = !options.ContainsKey("no-prefix") };
        var result = SearchEngine.Search(index, request);
        if (options.ContainsKey("json"))
        {
            System.Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        else
        {
            for (var i = 0; i < result.Hits.Count; i++)
            {
                var h = result.Hits[i];
                System.Console.WriteLine(FormattableString.Invariant($"{i + 1,2}. {h.Score,7:0.000}  {h.Id}  [{h.Topic}]  {h.Title}"));
            }

            System.Console.WriteLine(FormattableString.Invariant($"{result.TotalMatches} matching"));
        }

        if (options.TryGetValue("explain", out var id))
        {
            System.Console.WriteLine(SearchEngine.Explain(index, request.Query, id!, request.Prefix)?.ToString() ?? $"{id}: not indexed");
        }

        return Task.FromResult(0);
    }

    public static Task<int> EvalAsync(string[] args)
    {
        var (positional, options) = Parse(args);
        if (positional.Count != 1)
        {
            return Fail(Usage);
        }

        positional[0] = ResolvePath(positional[0]);
        if (!File.Exists(positional[0]))
        {
            return Fail($"queries file not found: {Path.GetFullPath(positional[0])}");
        }

        if (!TryBuildIndex(options, out var index, out var error))
        {
            return Fail(error);
        }

        var byTopic = !options.ContainsKey("corpus");
        var report = SearchEvaluation.Run(index, SearchEvaluation.ReadQueries(positional[0]), byTopic, options.ContainsKey("prefix"));
        foreach (var miss in report.Misses)
        {
            var rank = miss.Rank == 0 ? "-" : miss.Rank.ToString(CultureInfo.InvariantCulture);
            System.Console.WriteLine($"miss rank={rank} want={string.Join(',', miss.Expected)} got={string.Join(',', miss.Got)}  {miss.Query}");
        }

        System.Console.WriteLine(report.Summary);
        return Task.FromResult(0);
    }

    private static bool TryBuildIndex(Dictionary<string, string?> options, out KnowledgeIndex index, out string error)
    {
        index = KnowledgeIndex.Empty;
        error = "";
        var root = RepoRoot();
        var synonymsPath = options.GetValueOrDefault("synonyms") is { } syn ? ResolvePath(syn) : (root is null ? null : Path.Combine(root, "seeds", "synonyms.json"));
        var synonyms = synonymsPath is not null && File.Exists(synonymsPath) ? SynonymTable.Load(synonymsPath) : SynonymTable.Empty;
        if (options.TryGetValue("corpus", out var corpus))
        {
            corpus = corpus is null ? null : ResolvePath(corpus);
            if (corpus is null || !File.Exists(corpus))
            {
                error = $"corpus file not found: {corpus}";
                return false;
            }

            index = KnowledgeIndex.Build(SearchEvaluation.ReadCorpus(corpus), synonyms);
            return true;
        }

        var dir = options.GetValueOrDefault("content") is { } given ? ResolvePath(given) : (root is null ? null : Path.Combine(root, "content", "faq"));
        if (dir is null || !Directory.Exists(dir))
        {
            error = $"content directory not found: {dir ?? "content/faq (no CareDesk.sln above the current directory)"}";
            return false;
        }

        var loaded = FaqContentLoader.LoadDirectory(dir);
        foreach (var problem in loaded.Problems)
        {
            System.Console.Error.WriteLine(problem);
        }

        index = KnowledgeIndex.Build(loaded.Articles.Where(a => a.Status == "published"), synonyms);
        return true;
    }

    /// <summary>
    /// A relative path as given when it exists from the current directory, else from the repository root:
    /// <c>dotnet run --project src/CareDesk</c> runs in the project folder, while paths are written from the root.
    /// </summary>
    internal static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path) || RepoRoot() is not { } root)
        {
            return path;
        }

        return Path.GetFullPath(Path.Combine(root, path));
    }

    /// <summary>The folder holding <c>CareDesk.sln</c>, walking up from the current directory.</summary>
    internal static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CareDesk.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static (List<string> Positional, Dictionary<string, string?> Options) Parse(string[] args)
    {
        var flags = new HashSet<string>(StringComparer.Ordinal) { "json", "no-prefix", "prefix" };
        var positional = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                options[name] = flags.Contains(name) || i + 1 >= args.Length ? null : args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return (positional, options);
    }

    private static Task<int> Fail(string message)
    {
        System.Console.Error.WriteLine(message);
        return Task.FromResult(2);
    }
}
