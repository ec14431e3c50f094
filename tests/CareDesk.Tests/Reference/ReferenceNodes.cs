using CareDesk.Data;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Reference;
using CareDesk.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Reference;

/// <summary>
/// A database holding the repository's seeds as the start-up import leaves them, and app nodes as far
/// as reference data goes: each its own loaded <see cref="ReferenceSnapshot"/> with a running listener.
/// </summary>
internal sealed class ReferenceNodes : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly List<ReferenceChangeListener> _listeners;

    private ReferenceNodes(NpgsqlDataSource data, IReadOnlyList<ReferenceSnapshot> nodes, List<ReferenceChangeListener> listeners)
    {
        Data = data;
        Nodes = nodes;
        _listeners = listeners;
    }

    public static string RepoSeeds => Path.Combine(TestPaths.RepoRoot, "seeds");

    public NpgsqlDataSource Data { get; }

    public IReadOnlyList<ReferenceSnapshot> Nodes { get; }

    /// <summary>A migrated database with <c>seeds/</c> imported.</summary>
    public static async Task<NpgsqlDataSource> SeededDatabaseAsync(PostgresServer postgres)
    {
        var ds = await postgres.CreateMigratedDatabaseAsync("ref");
        await new ReferenceImport(ds, new DatabaseOptions(), new ContentOptions { SeedsDirectory = RepoSeeds }, NullLogger<ReferenceImport>.Instance)
            .RunAsync(default);
        return ds;
    }

    public static ReferenceSnapshot Node(NpgsqlDataSource ds) => new(ds, NullLogger<ReferenceSnapshot>.Instance);

    /// <summary><paramref name="count"/> nodes over a freshly seeded database, loaded and listening.</summary>
    public static async Task<ReferenceNodes> StartAsync(PostgresServer postgres, int count)
    {
        var ds = await SeededDatabaseAsync(postgres);
        var nodes = Enumerable.Range(0, count).Select(_ => Node(ds)).ToList();
        var listeners = nodes.Select(n => new ReferenceChangeListener(ds, n, NullLogger<ReferenceChangeListener>.Instance)).ToList();
        foreach (var n in nodes)
            Assert.Empty(await n.ReloadAsync());
        foreach (var l in listeners)
            await l.StartAsync(default);
        await WaitAsync(() => listeners.All(l => l.IsListening), "every listener up");
        return new ReferenceNodes(ds, nodes, listeners);
    }

    public static async Task WaitAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
                Assert.Fail($"not within {Bound.TotalSeconds} s: {what}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var l in _listeners)
            await l.StopAsync(default);
        await Data.DisposeAsync();
    }
}
