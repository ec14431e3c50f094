namespace CareDesk.Cli;

/// <summary>
/// Command-line verbs that run without the web host (search, eval-search, validate-content…).
/// Each verb lives beside its feature and is registered here by name.
/// </summary>
internal static class CliVerbs
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["search"] = Features.Search.SearchCommands.SearchAsync,
        ["eval-search"] = Features.Search.SearchCommands.EvalAsync,
        ["validate-content"] = Features.Content.ValidateContentCommand.RunAsync,
        ["export-content"] = Features.Knowledge.Export.ExportContentCommand.RunAsync,
        ["generate-load-data"] = Features.Reports.ReportLoadCommand.RunAsync,
        ["api-key"] = Features.Api.ApiKeyCommand.RunAsync,
    };

    public static bool TryGet(string[] args, out Func<string[], Task<int>> run)
    {
        run = null!;
        return args.Length > 0 && Verbs.TryGetValue(args[0], out run!);
    }
}
