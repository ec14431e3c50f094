using CareDesk.Data;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Data;

public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "caredesk-pg-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public async Task StartAsync_SecondStart_ReusesTheData()
    {
        var dir = Path.Combine(_root, "pgdata");
        await using (var first = await EmbeddedPostgres.StartAsync(dir, EmbeddedPostgres.FreePort(), null, NullLogger.Instance))
        {
            await using var conn = new NpgsqlConnection(first.ConnectionString);
            await conn.ExecuteAsync("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('محفوظ')");
        }

        await using var second = await EmbeddedPostgres.StartAsync(dir, EmbeddedPostgres.FreePort(), null, NullLogger.Instance);
        await using var again = new NpgsqlConnection(second.ConnectionString);
        Assert.Equal("محفوظ", await again.ExecuteScalarAsync<string>("SELECT v FROM kept"));
    }

    [Fact]
    public async Task StartAsync_ServerLeftRunningByKilledApp_IsAdopted()
    {
        var dir = Path.Combine(_root, "pgdata");
        var orphan = await EmbeddedPostgres.StartAsync(dir, EmbeddedPostgres.FreePort(), null, NullLogger.Instance);
        // No stop: this is what a kill -9 of the app leaves behind.

        await using var adopted = await EmbeddedPostgres.StartAsync(dir, EmbeddedPostgres.FreePort(), null, NullLogger.Instance);

        Assert.Equal(orphan.Port, adopted.Port);
        await using var conn = new NpgsqlConnection(adopted.ConnectionString);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT 1"));
    }

    [Fact]
    public async Task StartAsync_ListensOnLoopbackOnly()
    {
        await using var pg = await EmbeddedPostgres.StartAsync(Path.Combine(_root, "pgdata"), EmbeddedPostgres.FreePort(), null, NullLogger.Instance);
        await using var conn = new NpgsqlConnection(pg.ConnectionString);

        Assert.Equal("127.0.0.1", await conn.ExecuteScalarAsync<string>("SHOW listen_addresses"));
    }

    [Fact]
    public void FindBinDirectory_ConfiguredFolderWithoutTools_NamesTheSetting()
    {
        var ex = Assert.Throws<StartupException>(() => EmbeddedPostgres.FindBinDirectory(_root));

        Assert.Contains("BinDirectory", ex.Message);
    }

    [Fact]
    public async Task StartAsync_PortInUse_SaysWhichSetting()
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;

        var ex = await Assert.ThrowsAsync<StartupException>(() =>
            EmbeddedPostgres.StartAsync(Path.Combine(_root, "pgdata"), port, null, NullLogger.Instance));

        Assert.Contains("CareDesk:Database:Port", ex.Message);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
