using System.Collections.Frozen;
using CareDesk.Features.Knowledge;
using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Index;

namespace CareDesk.Features.Search;

/// <summary>
/// What one load of the published knowledge base gives a node: the search index and the articles as
/// readers see them. Both come from the same rows and are swapped in together as one reference, so an
/// article a search finds can always be opened, with the revision that was indexed. Immutable.
/// </summary>
public sealed class KnowledgeSnapshot
{
    private readonly FrozenDictionary<string, RenderedArticle> _articles;

    private KnowledgeSnapshot(KnowledgeIndex index, FrozenDictionary<string, RenderedArticle> articles)
    {
        Index = index;
        _articles = articles;
    }

    public static KnowledgeSnapshot Empty { get; } = new(KnowledgeIndex.Empty, FrozenDictionary<string, RenderedArticle>.Empty);

    public KnowledgeIndex Index { get; }

    public int ArticleCount => _articles.Count;

    public IEnumerable<RenderedArticle> Articles => _articles.Values;

    /// <summary>The published article with this id, or null when it is not published (in this snapshot).</summary>
    public RenderedArticle? Article(string id) => _articles.GetValueOrDefault(id);

    /// <summary>Builds the index and renders every article from one list of published revisions.</summary>
    public static KnowledgeSnapshot Build(IReadOnlyList<PublishedArticle> published, SynonymTable synonyms) => new(
        KnowledgeIndex.Build(published.Select(p => p.Article), synonyms),
        published.ToFrozenDictionary(p => p.Article.Id, RenderedArticle.From, StringComparer.Ordinal));
}
