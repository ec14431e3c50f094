using System.Threading.Channels;
using CareDesk.Features.Health;

namespace CareDesk.Features.Search;

/// <summary>A console search waiting to be logged, and then the article the agent opened from it.</summary>
public sealed class SearchLogEntry(string query, int hitCount, string? topArticle, string? userName, string source)
{
    private volatile string? _chosen;
    private long _id;

    public string Query { get; } = query;

    public int HitCount { get; } = hitCount;

    public string? TopArticle { get; } = topArticle;

    public string? UserName { get; } = userName;

    public string Source { get; } = source;

    /// <summary>The article opened from this search, if any (the latest one).</summary>
    public string? Chosen => _chosen;

    /// <summary>The <c>search_log</c> row once written; null before (or when the entry was dropped).</summary>
    public long? Id => Interlocked.Read(ref _id) is > 0 and var id ? id : null;

    internal string? WrittenChosen { get; set; }

    internal void Choose(string articleId) => _chosen = articleId;

    internal void Written(long id) => Interlocked.Exchange(ref _id, id);
}

/// <summary>
/// Writes the console's search log off the search path: the agent's results come from the in-memory
/// index and never wait for this write. While the database is away the writer holds its place and
/// retries with the listeners' backoff; the queue keeps the newest <see cref="Capacity"/> entries and
/// says how many older ones it dropped. An entry the database refuses for another reason is logged
/// and dropped: the log feeds the content-gap report, it is never worth an agent's call.
/// </summary>
public sealed class SearchLogQueue : BackgroundService
{
    public const int Capacity = 10_000;

    private readonly KnowledgeSearch _search;
    private readonly ILogger<SearchLogQueue> _logger;
    private readonly Channel<SearchLogEntry> _queue;
    private long _dropped;

    public SearchLogQueue(KnowledgeSearch search, ILogger<SearchLogQueue> logger)
    {
        _search = search;
        _logger = logger;
        _queue = Channel.CreateBounded<SearchLogEntry>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Queues a search to log; returns at once.</summary>
    public SearchLogEntry Enqueue(string query, int hitCount, string? topArticle, string? userName, string source)
    {
        var entry = new SearchLogEntry(query, hitCount, topArticle, userName, source);
        _queue.Writer.TryWrite(entry);
        return entry;
    }

    /// <summary>Records the article opened from a queued search: with its row if not yet written, else as an update.</summary>
    public void Choose(SearchLogEntry entry, string articleId)
    {
        entry.Choose(articleId);
        _queue.Writer.TryWrite(entry);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var entry in _queue.Reader.ReadAllAsync(stoppingToken))
                await WriteAsync(entry, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(SearchLogEntry entry, CancellationToken stop)
    {
        var delay = ListenerBackoff.First;
        while (true)
        {
            try
            {
                await WriteOnceAsync(entry, stop);
                if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
                    _logger.LogWarning("Search log: {Count} older search(es) dropped while the queue was full", dropped);
                return;
            }
            catch (Exception ex) when (DatabaseFailure.Classify(ex) is { } kind)
            {
                _logger.LogWarning("Search log: database {Kind}, retrying in {Delay} s: {Error}", kind, delay.TotalSeconds, DatabaseFailure.Describe(ex));
                if (!await ListenerBackoff.WaitAsync(delay, stop))
                    return;
                delay = ListenerBackoff.Next(delay);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Search log: dropped the search {Query}", entry.Query);
                return;
            }
        }
    }

    // One entry may come through twice (its search, then its chosen article); each pass writes what is new.
    private async Task WriteOnceAsync(SearchLogEntry entry, CancellationToken stop)
    {
        var chosen = entry.Chosen;
        if (entry.Id is not { } id)
        {
            id = await _search.LogAsync(entry.Query, entry.HitCount, entry.TopArticle, entry.UserName, entry.Source, stop);
            entry.Written(id);
        }
        if (chosen is not null && chosen != entry.WrittenChosen)
            await _search.LogChosenAsync(id, chosen, stop);
        entry.WrittenChosen = chosen;
    }
}
