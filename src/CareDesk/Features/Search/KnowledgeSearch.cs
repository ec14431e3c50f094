using System.Diagnostics;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Knowledge.Synonyms;
using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Search;

/// <summary>
/// The node's search index and article snapshot over the published articles in PostgreSQL.
/// <see cref="RebuildAsync"/> builds a new <see cref="KnowledgeSnapshot"/> off to the side and swaps it
/// in; searches and opens in flight finish on the old one. Every app node holds its own snapshot and
/// rebuilds when told (see <see cref="KnowledgeChangeListener"/>). Reading needs no database, so
/// search and opening an article go on through an outage.
/// </summary>
public sealed class KnowledgeSearch(
    ArticleStore articles,
    NpgsqlDataSource dataSource,
    ILogger<KnowledgeSearch> logger)
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private KnowledgeSnapshot _snapshot = KnowledgeSnapshot.Empty;

    /// <summary>The current snapshot; read it once when the index and the articles must agree.</summary>
    public KnowledgeSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public KnowledgeIndex Current => Snapshot.Index;

    /// <summary>When the current snapshot was built (UTC), and how long it took.</summary>
    public (DateTimeOffset At, TimeSpan Took) LastBuild { get; private set; }

    public SearchResult Search(SearchRequest request) => SearchEngine.Search(Snapshot.Index, request);

    /// <summary>The published article as the console shows it, from memory; null when it is not published.</summary>
    public RenderedArticle? Article(string id) => Snapshot.Article(id);

    public Explanation? Explain(string query, string id) => SearchEngine.Explain(Snapshot.Index, query, id);

    /// <summary>Rebuilds from the published revisions (one rebuild at a time; callers during one wait for it).</summary>
    public async Task RebuildAsync(CancellationToken ct = default)
    {
        await _rebuild.WaitAsync(ct);
        try
        {
            var sw = Stopwatch.StartNew();
            var published = await articles.PublishedRevisionsAsync(ct);
            var snapshot = KnowledgeSnapshot.Build(published, await LoadSynonymsAsync(ct));
            Volatile.Write(ref _snapshot, snapshot);
            LastBuild = (DateTimeOffset.UtcNow, sw.Elapsed);
            logger.LogInformation("Search index and article snapshot rebuilt: {Count} article(s) in {Ms} ms", snapshot.Index.Count, sw.ElapsedMilliseconds);
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <summary>The synonym table editors maintain (<c>kb_synonym_groups</c>, first filled from <c>seeds/synonyms.json</c>).</summary>
    private async Task<SynonymTable> LoadSynonymsAsync(CancellationToken ct) =>
        SynonymTable.FromGroups(await new SynonymStore(dataSource).GroupsAsync(ct));

    /// <summary>Records a search for the content-gap report: what was asked, how many hits, what was opened.</summary>
    public async Task<long> LogAsync(string query, int hitCount, string? topArticle, string? userName, string source, CancellationToken ct = default, DateTimeOffset? at = null)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO search_log (at, query, hit_count, top_article, user_name, source)
            VALUES (coalesce(@At::timestamptz, now()), @Query, @HitCount, @TopArticle, @UserName, @Source)
            RETURNING id
            """, new { At = at?.UtcDateTime, Query = query.Length > 500 ? query[..500] : query, HitCount = hitCount, TopArticle = topArticle, UserName = userName, Source = source }, cancellationToken: ct));
    }

    /// <summary>Marks which article the agent opened from a logged search.</summary>
    public async Task LogChosenAsync(long searchId, string articleId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE search_log SET chosen_article = @ArticleId WHERE id = @SearchId", new { searchId, articleId }, cancellationToken: ct));
    }
}
