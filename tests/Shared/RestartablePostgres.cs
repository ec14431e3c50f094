using CareDesk.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Testing;

/// <summary>
/// A test PostgreSQL the test can take away from the app and give back: stopped with <c>pg_ctl -m
/// immediate</c> (a crash: no goodbye to clients, recovery at the next start) or <c>fast</c>, started
/// again on the same port and data directory.
/// </summary>
public sealed class RestartablePostgres : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "caredesk-fault-pg-" + Guid.NewGuid().ToString("N")[..10]);
    private EmbeddedPostgres? _server;

    private RestartablePostgres(int port) => Port = port;

    public int Port { get; }

    public string DataDirectory => Path.Combine(_root, "pgdata");

    public static async Task<RestartablePostgres> StartAsync()
    {
        var pg = new RestartablePostgres(EmbeddedPostgres.FreePort());
        Directory.CreateDirectory(pg._root);
        await pg.StartAgainAsync();
        return pg;
    }

    public async Task StartAgainAsync() =>
        _server = await EmbeddedPostgres.StartAsync(DataDirectory, Port, null, NullLogger.Instance);

    /// <summary>Stops the server under whoever uses it; <paramref name="mode"/> is pg_ctl's (immediate, fast).</summary>
    public async Task StopAsync(string mode)
    {
        var pgCtl = Path.Combine(EmbeddedPostgres.FindBinDirectory(null), "pg_ctl");
        string[] argv = ["-D", DataDirectory, "-m", mode, "-w", "-t", "30", "stop"];
        var asRoot = Environment.UserName == "root";
        var r = await ProcessRunner.RunAsync(asRoot ? "runuser" : pgCtl, asRoot ? ["-u", "postgres", "--", pgCtl, .. argv] : argv, TimeSpan.FromSeconds(40));
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"pg_ctl stop -m {mode}: {r.Output}");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) => PostgresServer.CreateDatabaseAsync(_server!.ConnectionString, prefix);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
