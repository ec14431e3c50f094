using CareDesk.Features.Knowledge;
using CareDesk.Features.Search;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Search;

/// <summary>App nodes as far as knowledge goes: each its own <see cref="KnowledgeSearch"/> with a built snapshot and a running <see cref="KnowledgeChangeListener"/>.</summary>
internal sealed class KnowledgeNodes : IAsyncDisposable
{
    private readonly List<KnowledgeChangeListener> _listeners;

    private KnowledgeNodes(IReadOnlyList<KnowledgeSearch> nodes, List<KnowledgeChangeListener> listeners)
    {
        Nodes = nodes;
        _listeners = listeners;
    }

    public IReadOnlyList<KnowledgeSearch> Nodes { get; }

    public bool AllListening => _listeners.All(l => l.IsListening);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/> after 15 s (a loaded machine, not a hung one).</summary>
    public static async Task WaitAsync(Func<bool> condition, string what)
    {
        var bound = TimeSpan.FromSeconds(15);
        using var timeout = new CancellationTokenSource(bound);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
                Assert.Fail($"not within {bound.TotalSeconds} s: {what}");
            await Task.Delay(50);
        }
    }

    public static KnowledgeSearch Node(NpgsqlDataSource ds) => new(new ArticleStore(ds), ds, NullLogger<KnowledgeSearch>.Instance);

    public static async Task<KnowledgeNodes> StartAsync(NpgsqlDataSource ds, int count)
    {
        var nodes = Enumerable.Range(0, count).Select(_ => Node(ds)).ToList();
        var listeners = nodes.Select(n => new KnowledgeChangeListener(ds, n, NullLogger<KnowledgeChangeListener>.Instance)).ToList();
        foreach (var n in nodes)
            await n.RebuildAsync();
        foreach (var l in listeners)
            await l.StartAsync(default);
        return new KnowledgeNodes(nodes, listeners);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var l in _listeners)
            await l.StopAsync(default);
    }
}
