using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareDesk.Features.Accounts;
using CareDesk.Testing;

namespace CareDesk.Tests.Accounts;

/// <summary>
/// Every endpoint the running app serves (read from its EndpointDataSource via /admin/endpoints.json)
/// × anonymous and every role, signed in for real, against the table below. An endpoint the table
/// does not know fails the test: a new page or API must be added here with the roles it admits.
/// </summary>
[Collection(SecureAppCollection.Name)]
public sealed class AuthorizationMatrixTests(SecureAppFixture fixture)
{
    private const string Anonymous = "(anonymous)";

    /// <summary>Reached with an API key only: a console cookie, whatever its role, gets 401 like no sign-in at all.</summary>
    private const string ApiKeyOnly = "(api key)";
    private static readonly string[] Everyone = [.. Roles.All];
    private static readonly string[] Knowledge = [Roles.Agent, Roles.Liaison, Roles.Editor, Roles.Reviewer, Roles.Supervisor];

    /// <summary>Route → who may reach it. <see cref="Anonymous"/> means anyone, signed in or not.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["/"] = Knowledge,
        ["/knowledge"] = Knowledge,
        ["/knowledge/article"] = Knowledge,
        ["/knowledge/edit"] = [Roles.Editor],
        ["/knowledge/synonyms"] = [Roles.Editor],
        ["/knowledge/gaps"] = [Roles.Editor],
        ["/knowledge/review"] = [Roles.Reviewer],
        ["/tickets"] = [Roles.Agent, Roles.Liaison, Roles.Supervisor],
        ["/inbox"] = [Roles.Liaison, Roles.Supervisor],
        ["/tickets/new"] = [Roles.Agent, Roles.Supervisor],
        ["/tickets/{Number}"] = [Roles.Agent, Roles.Liaison, Roles.Supervisor],
        ["/reports"] = [Roles.Supervisor, Roles.Admin],
        ["/reports/daily-inquiries.csv"] = [Roles.Supervisor, Roles.Admin],
        ["/reports/daily-tickets.csv"] = [Roles.Supervisor, Roles.Admin],
        ["/reports/first-contact.csv"] = [Roles.Supervisor, Roles.Admin],
        ["/reports/open-tickets.csv"] = [Roles.Supervisor, Roles.Admin],
        ["/reports/stage-deadlines.csv"] = [Roles.Supervisor, Roles.Admin],
        ["/reports/stage-times.csv"] = [Roles.Supervisor, Roles.Admin],
        ["/reports/escalations.csv"] = [Roles.Supervisor, Roles.Admin],
        ["/reports/most-used.csv"] = [Roles.Supervisor, Roles.Admin],
        ["/reports/content-gaps.csv"] = [Roles.Supervisor, Roles.Admin],
        ["/reports/feedback.csv"] = [Roles.Supervisor, Roles.Admin],
        ["/audit"] = [Roles.Supervisor, Roles.Admin],
        ["/audit/export.csv"] = [Roles.Supervisor, Roles.Admin],
        ["/admin"] = [Roles.Admin],
        ["/admin/users"] = [Roles.Admin],
        ["/admin/endpoints.json"] = [Roles.Admin],
        ["/account/denied"] = Everyone,
        ["/account/signout"] = Everyone,
        ["/account/signin"] = [Anonymous],
        ["/account/signin/submit"] = [Anonymous],
        ["/health"] = [Anonymous],
        ["/error"] = [Anonymous],
        ["/culture/{name}"] = [Anonymous],
        ["/_blazor"] = Everyone,
        ["/_blazor/negotiate"] = Everyone,
        ["/_blazor/disconnect/"] = Everyone,
        ["/_blazor/initializers/"] = Everyone,
        ["/_framework/blazor.web.js"] = [Anonymous],
        ["/_framework/blazor.server.js"] = [Anonymous],
        ["/_framework/opaque-redirect"] = Everyone,
        ["/{**path:file}"] = Everyone,
        ["/api/faq/search"] = [ApiKeyOnly],
        ["/api/tickets"] = [ApiKeyOnly],
        ["/api/tickets/{number}"] = [ApiKeyOnly],
        ["/api/openapi.json"] = [Anonymous],
        ["/calls/new"] = Knowledge,
    };

    /// <summary>Static files (the build's CSS, Radzen's scripts, styles and fonts) are public.</summary>
    private static bool IsStaticAsset(EndpointInfo e) =>
        e.Kind == "endpoint" && !e.Route.Contains('{') && Path.HasExtension(e.Route) && !Expected.ContainsKey(e.Route)
        && (e.Route.StartsWith("/_content/", StringComparison.Ordinal) || e.Route.Count(c => c == '/') == 1);

    private sealed record EndpointInfo(string Route, string[] Methods, string[] Policies, bool Anonymous, string Kind);

    [Fact]
    public async Task Endpoints_EveryRouteEveryRole_MatchExpectedTable()
    {
        var admin = DemoAccounts.For(Roles.Admin);
        using var adminClient = await HttpSignIn.SignedInClientAsync(fixture.App.BaseUrl, admin.UserName, admin.Password);
        var endpoints = (await adminClient.GetFromJsonAsync<EndpointInfo[]>("/admin/endpoints.json", new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
        var routes = endpoints.GroupBy(e => e.Route).ToList();

        var unknown = routes.Where(g => !Expected.ContainsKey(g.Key) && !g.All(IsStaticAsset)).Select(g => g.Key).ToList();
        Assert.True(unknown.Count == 0, "Endpoints missing from the authorization table: " + string.Join(", ", unknown));
        Assert.True(routes.Count > Expected.Count, "the endpoint list looks too short");

        var clients = new Dictionary<string, HttpClient> { [Anonymous] = HttpSignIn.NewClient(fixture.App.BaseUrl) };
        foreach (var role in Roles.All)
        {
            var account = DemoAccounts.For(role);
            clients[role] = await HttpSignIn.SignedInClientAsync(fixture.App.BaseUrl, account.UserName, account.Password);
        }

        var failures = new List<string>();
        foreach (var g in routes)
        {
            var allowed = Expected.TryGetValue(g.Key, out var roles) ? roles : [Anonymous];
            var methods = g.SelectMany(e => e.Methods).Distinct().ToList();
            var method = methods.Count == 0 || methods.Contains("GET") ? HttpMethod.Get : HttpMethod.Post;
            var path = Concrete(g.Key);
            foreach (var (who, client) in clients)
            {
                using var request = new HttpRequestMessage(method, path);
                if (method == HttpMethod.Post)
                    request.Content = new FormUrlEncodedContent([]);
                using var response = await client.SendAsync(request);
                var outcome = Classify(response);
                var expected = allowed.Contains(ApiKeyOnly) ? "sign-in"
                    : allowed.Contains(Anonymous) || allowed.Contains(who) ? "allowed" : who == Anonymous ? "sign-in" : "denied";
                if (outcome != expected)
                    failures.Add($"{method} {path} as {who}: {outcome} ({(int)response.StatusCode} {response.Headers.Location}), expected {expected}");
            }
        }
        foreach (var c in clients.Values)
            c.Dispose();

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Endpoints_EveryNonPublicRoute_NamesAPolicyOrRequiresSignIn()
    {
        var admin = DemoAccounts.For(Roles.Admin);
        using var client = await HttpSignIn.SignedInClientAsync(fixture.App.BaseUrl, admin.UserName, admin.Password);
        var endpoints = (await client.GetFromJsonAsync<EndpointInfo[]>("/admin/endpoints.json", new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;

        var pagesWithoutPolicy = endpoints.Where(e => e.Kind == "page" && !e.Anonymous && e.Policies.Length == 0).Select(e => e.Route).Distinct().ToList();

        // A page with no policy falls to the fallback (signed in, any role): only the access-denied page may do that.
        Assert.Equal(["/account/denied"], pagesWithoutPolicy);
        Assert.All(endpoints.Where(e => e.Anonymous), e => Assert.True(
            Expected.TryGetValue(e.Route, out var who) ? who.Contains(Anonymous) : IsStaticAsset(e), $"{e.Route} is anonymous"));
    }

    private static string Concrete(string route) => route
        .Replace("{name}", "en", StringComparison.Ordinal)
        .Replace("{number}", "CD-2026-000001", StringComparison.Ordinal)
        .Replace("{**path:file}", "missing-file.txt", StringComparison.Ordinal);

    private static string Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && location.Contains("/account/signin", StringComparison.Ordinal) && !location.Contains("error=", StringComparison.Ordinal))
            return "sign-in";
        if (response.StatusCode == HttpStatusCode.Forbidden || location.Contains("/account/denied", StringComparison.Ordinal))
            return "denied";
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            return "sign-in";
        return "allowed";
    }
}
