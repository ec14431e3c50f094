using Npgsql;

namespace CareDesk.Data;

/// <summary>
/// Runs at start-up before the app takes requests: applies migrations, then the steps features add
/// (importing the seed content into an empty database, building the search index…), in order.
/// </summary>
public sealed class DatabaseInitializer(
    NpgsqlDataSource dataSource,
    MigrationRunner migrations,
    IEnumerable<IStartupStep> steps,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        try
        {
            await using var probe = await dataSource.OpenConnectionAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var b = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            throw new StartupException($"Cannot reach the database at {b.Host}:{b.Port}/{b.Database} (ConnectionStrings:CareDesk): {ex.Message} / تعذر الاتصال بقاعدة البيانات.", ex);
        }
        var applied = await migrations.ApplyAsync(ct);
        logger.LogInformation("Database ready: {Applied} migration(s) applied now", applied);
        foreach (var step in steps.OrderBy(s => s.Order))
            await step.RunAsync(ct);
    }
}

/// <summary>A start-up step a feature contributes (import, index build…). Lower <see cref="Order"/> runs first.</summary>
public interface IStartupStep
{
    int Order { get; }

    Task RunAsync(CancellationToken ct);
}
