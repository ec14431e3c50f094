using System.Net;
using CareDesk.Testing;
using CareDesk.Tests.Data;

namespace CareDesk.Tests.Accounts;

[Collection(PostgresCollection.Name)]
public sealed class SignInRateLimitTests(PostgresServer postgres)
{
    [Fact]
    public async Task SignIn_MorePostsThanPermittedPerMinute_429WithRetryAfterInBothLanguages()
    {
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__CareDesk"] = await postgres.CreateDatabaseAsync("ratelimit"),
            ["CareDesk__Accounts__SignInPermitsPerMinute"] = "3",
        });
        using var client = HttpSignIn.NewClient(app.BaseUrl);
        var token = await HttpSignIn.FormTokenAsync(client);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var r = await HttpSignIn.PostAsync(client, "nobody", "Whatever-2026!", token);
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", r.Headers.GetValues("Retry-After").Single());
                var text = await r.Content.ReadAsStringAsync();
                Assert.Contains("محاولات دخول كثيرة", text);
                Assert.Contains("Too many sign-in attempts", text);
            }
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }
}
