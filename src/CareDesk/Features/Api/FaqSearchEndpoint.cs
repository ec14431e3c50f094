using CareDesk.Features.Search;
using CareDesk.Knowledge.Search;

namespace CareDesk.Features.Api;

/// <summary><c>GET /api/faq/search?q=&amp;top=</c>: the console's engine and analyzer, logged with source <c>api</c>.</summary>
public static class FaqSearchEndpoint
{
    public const int MaxQueryLength = 200;
    public const int MaxTop = 50;

    public sealed record Hit(string Id, string Topic, string Title, float Score, string Snippet);

    public sealed record Response(string Query, int TotalMatches, IReadOnlyList<Hit> Hits);

    public static async Task<IResult> HandleAsync(HttpContext http, KnowledgeSearch search, string? q, string? top, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(q))
            errors["q"] = "api.error.q-required";
        else if (q.Length > MaxQueryLength)
            errors["q"] = "api.error.q-too-long";
        var count = 10;
        if (top is not null && (!int.TryParse(top, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxTop))
            errors["top"] = "api.error.top-range";
        if (errors.Count > 0)
            return ApiProblems.Result(http, StatusCodes.Status400BadRequest, "api.error.validation", errors);

        var query = q!.Trim();
        var result = search.Search(new SearchRequest { Query = query, Top = count });
        await search.LogAsync(query, result.TotalMatches, result.Hits.FirstOrDefault()?.Id, http.User.Identity?.Name, "api", ct);
        return ApiJson.Json(new Response(query, result.TotalMatches, result.Hits.Select(h => new Hit(h.Id, h.Topic, h.Title, h.Score, h.Snippet)).ToList()));
    }
}
