using CareDesk.Features.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace CareDesk.Features.Admin;

/// <summary>
/// <c>/admin/endpoints.json</c>: every endpoint the app serves with its methods and what it requires,
/// read from the live <see cref="EndpointDataSource"/>. Admins see what protects what; the
/// authorization matrix test checks every entry against its expected table.
/// </summary>
public static class EndpointList
{
    public sealed record Entry(string Route, IReadOnlyList<string> Methods, IReadOnlyList<string> Policies, bool Anonymous, string Kind);

    public static void MapEndpointList(this WebApplication app) =>
        app.MapGet("/admin/endpoints.json", (EndpointDataSource source) => Results.Json(List(source)))
            .RequireAuthorization(Policies.Administer);

    public static IReadOnlyList<Entry> List(EndpointDataSource source) =>
        source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => new Entry(
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() ?? [],
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? a.Roles ?? "authenticated").Distinct().ToList(),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null ? "page" : "endpoint"))
            .OrderBy(e => e.Route, StringComparer.Ordinal)
            .ToList();
}
