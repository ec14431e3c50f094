using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareDesk.Features.Accounts;
using CareDesk.Features.Api;
using CareDesk.Features.Audit;
using CareDesk.Testing;
using CareDesk.Tests.Accounts;

namespace CareDesk.Tests.Api;

/// <summary>API keys against the running app: missing, unknown, revoked, wrong scope, cookies, the rate limit, the audit trail.</summary>
[Collection(SecureAppCollection.Name)]
public sealed class ApiAccessTests(SecureAppFixture fixture)
{
    private const string SearchUrl = "/api/faq/search?q=%D8%B3%D8%AF%D8%A7%D8%AF";

    [Fact]
    public async Task Search_NoKey_Returns401ProblemInBothLanguages()
    {
        using var client = HttpSignIn.NewClient(fixture.App.BaseUrl);
        using var response = await client.GetAsync(SearchUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("API key", problem.GetProperty("title").GetString());
        Assert.Contains("مفتاح", problem.GetProperty("title_ar").GetString());
    }

    [Fact]
    public async Task Search_UnknownKeyInXApiKeyHeader_Returns401()
    {
        using var client = HttpSignIn.NewClient(fixture.App.BaseUrl);
        client.DefaultRequestHeaders.Add("X-Api-Key", "cdk_not-a-key");
        using var response = await client.GetAsync(SearchUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Search_KeyInXApiKeyHeader_Returns200()
    {
        var (_, secret) = await new ApiKeyStore(fixture.Data).CreateAsync("x-header", [ApiScopes.Search]);
        using var client = HttpSignIn.NewClient(fixture.App.BaseUrl);
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        using var response = await client.GetAsync(SearchUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Search_RevokedKey_Returns401()
    {
        var (client, key) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Search);
        using (client)
        {
            using (var before = await client.GetAsync(SearchUrl))
                Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.True(await new ApiKeyStore(fixture.Data).RevokeAsync(key.Id));
            using var after = await client.GetAsync(SearchUrl);
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }
    }

    [Fact]
    public async Task Endpoints_KeyWithoutTheScope_Return403()
    {
        var (client, _) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Search);
        using (client)
        {
            using var status = await client.GetAsync("/api/tickets/CD-2026-000001");
            using var intake = await client.PostAsJsonAsync("/api/tickets", new { case_type = "payment-not-reflected" });
            Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, intake.StatusCode);
            var problem = await intake.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("title_ar").GetString()));
        }
    }

    [Fact]
    public async Task Search_SignedInConsoleCookie_Returns401()
    {
        var agent = DemoAccounts.For(Roles.Agent);
        using var client = await HttpSignIn.SignedInClientAsync(fixture.App.BaseUrl, agent.UserName, agent.Password);
        using var response = await client.GetAsync(SearchUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Search_MoreThanThePermitsInAWindow_Returns429WithRetryAfter()
    {
        var (client, _) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Search);
        using (client)
        {
            for (var i = 0; i < SecureAppFixture.ApiPermits; i++)
            {
                using var ok = await client.GetAsync(SearchUrl);
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }
            using var limited = await client.GetAsync(SearchUrl);

            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After: " + limited.Headers.RetryAfter);
            var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("title_ar").GetString()));

            // Another key has its own window.
            var (other, _) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Search);
            using (other)
            using (var fresh = await other.GetAsync(SearchUrl))
                Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }
    }

    [Fact]
    public async Task Calls_SucceededAndRefused_AreAuditedWithIntegrationEndpointAndStatus()
    {
        var (client, key) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Search);
        using (client)
        {
            using (await client.GetAsync(SearchUrl))
            using (await client.GetAsync("/api/tickets/CD-2026-000001"))
            {
            }
        }
        var entries = await new AuditLog(fixture.Data).QueryAsync(new AuditQuery(Actor: ApiActor.UserName(key.Integration), Action: AuditActions.ApiCall));

        Assert.Contains(entries, e => e.Subject == "GET /api/faq/search" && e.Details == "200");
        Assert.Contains(entries, e => e.Subject == "GET /api/tickets/CD-2026-000001" && e.Details == "403");
    }

    [Fact]
    public async Task OpenApi_Document_ListsEveryMappedApiEndpoint()
    {
        var admin = DemoAccounts.For(Roles.Admin);
        using var adminClient = await HttpSignIn.SignedInClientAsync(fixture.App.BaseUrl, admin.UserName, admin.Password);
        var endpoints = await adminClient.GetFromJsonAsync<JsonElement[]>("/admin/endpoints.json");
        using var anonymous = HttpSignIn.NewClient(fixture.App.BaseUrl);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/api/openapi.json");
        var paths = document.GetProperty("paths");

        var api = endpoints!.Where(e => e.GetProperty("route").GetString()!.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, api.Select(e => e.GetProperty("route").GetString()).Distinct().Count());
        foreach (var e in api)
        {
            var route = e.GetProperty("route").GetString()!;
            Assert.True(paths.TryGetProperty(route, out var path), route + " is not in openapi.json");
            foreach (var method in e.GetProperty("methods").EnumerateArray())
                Assert.True(path.TryGetProperty(method.GetString()!.ToLowerInvariant(), out _), $"{method} {route} is not in openapi.json");
        }
        Assert.Equal(api.Select(e => e.GetProperty("route").GetString()).Distinct().Order(), paths.EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("/calls/new?caller=1234567897", "/?caller=1234567897")]
    [InlineData("/calls/new?caller=%2B966500000000", "/?caller=%2B966500000000")]
    [InlineData("/calls/new", "/")]
    public async Task ScreenPop_SignedInAgent_RedirectsToConsoleWithCaller(string url, string location)
    {
        var agent = DemoAccounts.For(Roles.Agent);
        using var client = await HttpSignIn.SignedInClientAsync(fixture.App.BaseUrl, agent.UserName, agent.Password);
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ApiKeyVerb_CreateThenRevoke_PrintedKeyWorksUntilRevoked()
    {
        var (code, output) = await RunCliAsync("api-key", "create", "--name", "ivr-cli-test", "--scopes", "search,status");
        Assert.True(code == 0, output);
        var secret = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("cdk_", StringComparison.Ordinal));
        var id = output.Split(' ')[1];
        using var client = HttpSignIn.NewClient(fixture.App.BaseUrl);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        using (var ok = await client.GetAsync(SearchUrl))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await using (var conn = await fixture.Data.OpenConnectionAsync())
        {
            await using var cmd = new Npgsql.NpgsqlCommand("SELECT key_hash FROM api_keys WHERE id = " + long.Parse(id), conn);
            Assert.Equal(ApiKeyStore.Hash(secret), (string)(await cmd.ExecuteScalarAsync())!);
        }

        var (revokeCode, revokeOutput) = await RunCliAsync("api-key", "revoke", "--id", id);
        Assert.True(revokeCode == 0, revokeOutput);
        using var refused = await client.GetAsync(SearchUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("api-key", "create", "--name", "x", "--scopes", "search,admin")]
    [InlineData("api-key", "create", "--scopes", "search")]
    [InlineData("api-key")]
    public async Task ApiKeyVerb_BadArguments_PrintsUsageAndFails(params string[] args)
    {
        var (code, output) = await RunCliAsync(args);
        Assert.Equal(2, code);
        Assert.Contains("usage: api-key", output);
    }

    [Fact]
    public async Task DemoKey_Development_PrintedInBannerAndWorks()
    {
        var line = fixture.App.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("cdk_", StringComparison.Ordinal));
        Assert.True(line is not null, fixture.App.Output);
        using var client = HttpSignIn.NewClient(fixture.App.BaseUrl);
        client.DefaultRequestHeaders.Add("X-Api-Key", line);
        using var response = await client.GetAsync("/api/tickets/CD-1999-999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(int Code, string Output)> RunCliAsync(params string[] args)
    {
        var psi = new ProcessStartInfo(AppProcess.ExecutablePath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["ConnectionStrings__CareDesk"] = fixture.ConnectionString;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
