using System.Net.Http.Headers;
using CareDesk.Features.Api;
using CareDesk.Testing;
using CareDesk.Tests.Accounts;

namespace CareDesk.Tests.Api;

/// <summary>A client of the secure app holding a key of its own (so no test shares another's rate-limit window).</summary>
internal static class ApiClient
{
    public static async Task<(HttpClient Client, ApiKey Key)> WithKeyAsync(SecureAppFixture fixture, params string[] scopes)
    {
        var (key, secret) = await new ApiKeyStore(fixture.Data).CreateAsync("test-" + Guid.NewGuid().ToString("N")[..10], scopes.Length == 0 ? ApiScopes.All : scopes);
        var client = HttpSignIn.NewClient(fixture.App.BaseUrl);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return (client, key);
    }
}
