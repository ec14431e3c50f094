using CareDesk.Data;
using CareDesk.Knowledge.Documents;
using Npgsql;

namespace CareDesk.Features.Knowledge;

/// <summary>
/// On an empty knowledge base, imports <c>content/faq</c> in one transaction. Any problem in any
/// file stops start-up with the file and line and imports nothing: a broken file never half-loads.
/// An advisory lock and a re-check inside the transaction keep two nodes from importing twice.
/// </summary>
public sealed class ContentImport(
    NpgsqlDataSource dataSource,
    DatabaseOptions database,
    ContentOptions content,
    ILogger<ContentImport> logger) : IStartupStep
{
    private const long LockKey = 0x4B_42_49_6D_70_6F_72_74; // "KBImport"

    public int Order => 20;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!database.ImportOnEmpty)
            return;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await SeedImport.HasRowsAsync(conn, "kb_articles", ct))
            return;

        var loaded = FaqContentLoader.LoadDirectory(content.FaqDirectory);
        if (loaded.Problems.Count > 0)
            throw SeedImport.Refused("FAQ content", content.FaqDirectory, $"{ContentOptions.Section}:FaqDirectory", loaded.Problems.ToArray<object>());

        var inserted = await SeedImport.InLockedTransactionAsync(conn, LockKey,
            tx => ArticleStore.ImportPublishedAsync(conn, tx, loaded.Articles, "import", "Imported from content/faq", ct), ct);
        logger.LogInformation("Imported {Count} FAQ article(s) from {Dir}", inserted, content.FaqDirectory);
    }
}
