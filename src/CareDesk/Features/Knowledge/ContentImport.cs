using CareDesk.Data;
using CareDesk.Knowledge.Documents;
using Dapper;
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
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM kb_articles)", cancellationToken: ct)))
            return;

        var loaded = FaqContentLoader.LoadDirectory(content.FaqDirectory);
        if (loaded.Problems.Count > 0)
        {
            var shown = string.Join(Environment.NewLine + "  ", loaded.Problems.Take(10));
            throw new StartupException($"The FAQ content in {content.FaqDirectory} ({ContentOptions.Section}:FaqDirectory) has {loaded.Problems.Count} problem(s); nothing was imported:{Environment.NewLine}  {shown}");
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));
        var inserted = await ArticleStore.ImportPublishedAsync(conn, tx, loaded.Articles, "import", "Imported from content/faq", ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Imported {Count} FAQ article(s) from {Dir}", inserted, content.FaqDirectory);
    }
}
