using CareDesk.Data;

namespace CareDesk.Features.Knowledge.Export;

/// <summary>
/// <c>export-content [--out DIR]</c>: writes the published knowledge base from PostgreSQL back to
/// <c>content/faq</c> (or DIR), so content changes made in the app can be reviewed in version control.
/// The database is found as the app finds it: <c>ConnectionStrings:CareDesk</c>, else the private
/// server under <c>CareDesk:Database:DataDirectory</c>.
/// </summary>
internal static class ExportContentCommand
{
    private const string Usage = "usage: export-content [--out DIR] [--ConnectionStrings:CareDesk=…]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? outDir = null;
        var hostArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--out" && i + 1 < args.Length)
                outDir = args[++i];
            else if (args[i] is "-h" or "--help")
            {
                Console.WriteLine(Usage);
                return 0;
            }
            else
                hostArgs.Add(args[i]);
        }
        outDir = RepositoryPaths.Resolve(outDir ?? "content/faq");

        return await Cli.CliDatabase.RunAsync("export-content", hostArgs,
            "the database has no knowledge base yet; start the app once to create it. / لا توجد قاعدة معرفة بعد؛ شغّل التطبيق مرة واحدة.",
            async data =>
            {
                var result = await new ContentExport(data).ExportAsync(outDir);
                foreach (var path in result.Written)
                    Console.WriteLine($"wrote {path}");
                foreach (var path in result.NotInDatabase)
                    Console.WriteLine($"not in the knowledge base (left alone): {path}");
                Console.WriteLine($"{result.Written.Count} written, {result.Unchanged.Count} unchanged — {result.Written.Count} مكتوب، {result.Unchanged.Count} دون تغيير");
                return 0;
            });
    }
}
