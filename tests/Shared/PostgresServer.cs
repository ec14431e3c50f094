using CareDesk.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Testing;

/// <summary>
/// One throwaway PostgreSQL per test run, started the way the app starts its private server (a fresh
/// data directory, a random free loopback port). Tests get their own databases from it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private EmbeddedPostgres? _server;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "caredesk-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public EmbeddedPostgres Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        _server = await EmbeddedPostgres.StartAsync(Path.Combine(Root, "pgdata"), EmbeddedPostgres.FreePort(), null, NullLogger.Instance);
    }

    /// <summary>A new empty database on the server; returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string? prefix = null) => CreateDatabaseAsync(Server.ConnectionString, prefix);

    /// <summary>A new empty database on the server the connection string names; returns the database's connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string serverConnectionString, string? prefix)
    {
        var name = $"{prefix ?? "t"}_{Guid.NewGuid():N}"[..30].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(serverConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A new database with the schema built by the real migration runner.</summary>
    public async Task<NpgsqlDataSource> CreateMigratedDatabaseAsync(string? prefix = null)
    {
        var dataSource = NpgsqlDataSource.Create(await CreateDatabaseAsync(prefix));
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        return dataSource;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a stopping process: the temp folder is cleaned by the OS.
        }
    }
}
