using CareDesk.Features.Search;
using CareDesk.Knowledge.Analysis;
using CareDesk.Knowledge.Index;
using CareDesk.Knowledge.Search;

namespace CareDesk.Features.Knowledge.Synonyms;

/// <summary>What a query matches now, and what it would match with an edited synonym table.</summary>
public sealed record SynonymPreviewResult(IReadOnlyList<SearchHit> Now, IReadOnlyList<SearchHit> Edited);

/// <summary>Runs a query against an index built with the edited table, beside the live one, before saving.</summary>
public sealed class SynonymPreview(ArticleStore articles, KnowledgeSearch search)
{
    public async Task<SynonymPreviewResult> PreviewAsync(string query, IReadOnlyList<IReadOnlyList<string>> editedGroups, CancellationToken ct = default)
    {
        var request = new SearchRequest { Query = query, Top = 10, Prefix = false, Snippets = false };
        var index = KnowledgeIndex.Build(await articles.PublishedAsync(ct), SynonymTable.FromGroups(editedGroups));
        return new SynonymPreviewResult(search.Search(request).Hits, SearchEngine.Search(index, request).Hits);
    }
}
