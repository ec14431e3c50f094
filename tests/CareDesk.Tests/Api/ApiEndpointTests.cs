using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareDesk.Features.Api;
using CareDesk.Tests.Accounts;
using Dapper;

namespace CareDesk.Tests.Api;

/// <summary>The endpoints' success and validation answers, and idempotent intake, against the running app.</summary>
[Collection(SecureAppCollection.Name)]
public sealed class ApiEndpointTests(SecureAppFixture fixture)
{
    private static object Body(string? channel = "ivr", string nationalId = "1045678909", string amount = "300", string phone = "0500000000") => new
    {
        case_type = "payment-not-reflected",
        caller_national_id = nationalId,
        caller_phone = phone,
        channel,
        details = new Dictionary<string, string>
        {
            ["beneficiary_id"] = "1045678909", ["service"] = "تجديد جواز", ["amount"] = amount,
            ["payment_date"] = "2026-10-01", ["sadad_bill_number"] = "778899001",
        },
    };

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static HttpRequestMessage Post(object body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private async Task<long> TicketsOpenedByAsync(ApiKey key)
    {
        await using var conn = await fixture.Data.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM tickets WHERE opened_by = @By", new { By = ApiActor.UserName(key.Integration) });
    }

    [Fact]
    public async Task Search_Query_ReturnsHitsAndLogsSourceApi()
    {
        var (client, key) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Search);
        using (client)
        {
            using var response = await client.GetAsync("/api/faq/search?q=" + Uri.EscapeDataString("سداد") + "&top=3");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = await JsonOf(response);
            var hits = json.GetProperty("hits").EnumerateArray().ToList();
            Assert.InRange(hits.Count, 1, 3);
            foreach (var p in new[] { "id", "topic", "title", "score", "snippet" })
                Assert.True(hits[0].TryGetProperty(p, out _), p);
            await using var conn = await fixture.Data.OpenConnectionAsync();
            Assert.Equal(1, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM search_log WHERE source = 'api' AND user_name = @U",
                new { U = ApiActor.UserName(key.Integration) }));
        }
    }

    [Theory]
    [InlineData("/api/faq/search", "q")]
    [InlineData("/api/faq/search?q=%20", "q")]
    [InlineData("/api/faq/search?q=x&top=0", "top")]
    [InlineData("/api/faq/search?q=x&top=51", "top")]
    [InlineData("/api/faq/search?q=x&top=ten", "top")]
    public async Task Search_InvalidParameters_Returns400ProblemWithArabicErrors(string url, string field)
    {
        var (client, _) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Search);
        using (client)
        {
            using var response = await client.GetAsync(url);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await JsonOf(response);
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
            Assert.Matches("[\u0600-\u06FF]", problem.GetProperty("errors_ar").GetProperty(field)[0].GetString());
            Assert.Matches("[\u0600-\u06FF]", problem.GetProperty("title_ar").GetString());
        }
    }

    [Fact]
    public async Task Search_QueryOver200Characters_Returns400()
    {
        var (client, _) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Search);
        using (client)
        using (var response = await client.GetAsync("/api/faq/search?q=" + new string('a', 201)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await JsonOf(response)).GetProperty("errors").TryGetProperty("q", out _));
        }
    }

    [Fact]
    public async Task OpenTicket_ValidBody_Returns201AndStatusReadsItBackWithoutPersonalData()
    {
        var (client, _) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Intake, ApiScopes.Status);
        using (client)
        {
            using var created = await client.SendAsync(Post(Body(), null));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var number = (await JsonOf(created)).GetProperty("number").GetString()!;
            Assert.Equal("/api/tickets/" + number, created.Headers.Location?.OriginalString);

            using var status = await client.GetAsync("/api/tickets/" + number);
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            var text = await status.Content.ReadAsStringAsync();
            var json = JsonDocument.Parse(text).RootElement;
            Assert.Equal("open", json.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(json.GetProperty("owning_agency").GetProperty("code").GetString()));
            Assert.Contains("هـ", json.GetProperty("journey_due").GetProperty("text_ar").GetString());
            Assert.Contains("AH", json.GetProperty("stage_due").GetProperty("text_en").GetString());
            Assert.True(json.GetProperty("stage_due").GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow);
            Assert.DoesNotContain("1045678909", text);
            Assert.DoesNotContain("0500000000", text);
        }
    }

    [Fact]
    public async Task TicketStatus_UnknownNumber_Returns404Problem()
    {
        var (client, _) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Status);
        using (client)
        using (var response = await client.GetAsync("/api/tickets/CD-1999-999999"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Matches("[\u0600-\u06FF]", (await JsonOf(response)).GetProperty("title_ar").GetString());
        }
    }

    [Fact]
    public async Task OpenTicket_InvalidFieldsAndChannel_Returns400ProblemPerField()
    {
        var (client, key) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Intake);
        using (client)
        {
            using var response = await client.SendAsync(Post(Body(channel: "fax", nationalId: "12"), null));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await JsonOf(response);
            Assert.True(problem.GetProperty("errors").TryGetProperty("channel", out _));
            Assert.True(problem.GetProperty("errors").TryGetProperty("caller_national_id", out _));
            Assert.Matches("[\u0600-\u06FF]", problem.GetProperty("errors_ar").GetProperty("caller_national_id")[0].GetString());
            Assert.Equal(0, await TicketsOpenedByAsync(key));
        }
    }

    [Fact]
    public async Task OpenTicket_MalformedJson_Returns400Problem()
    {
        var (client, _) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Intake);
        using (client)
        using (var response = await client.PostAsync("/api/tickets", new StringContent("{not json", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task OpenTicket_SameIdempotencyKeyTwice_OneTicket201Then200()
    {
        var (client, key) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Intake);
        using (client)
        {
            using var first = await client.SendAsync(Post(Body(), "retry-1"));
            using var second = await client.SendAsync(Post(Body(), "retry-1"));

            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal((await JsonOf(first)).GetProperty("number").GetString(), (await JsonOf(second)).GetProperty("number").GetString());
            Assert.Equal(1, await TicketsOpenedByAsync(key));
        }
    }

    [Fact]
    public async Task OpenTicket_ReusedKeyWithDifferentBody_Returns422AndNoSecondTicket()
    {
        var (client, key) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Intake);
        using (client)
        {
            using var first = await client.SendAsync(Post(Body(), "reuse"));
            using var second = await client.SendAsync(Post(Body(amount: "450"), "reuse"));

            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
            Assert.Matches("[\u0600-\u06FF]", (await JsonOf(second)).GetProperty("title_ar").GetString());
            Assert.Equal(1, await TicketsOpenedByAsync(key));
        }
    }

    [Fact]
    public async Task OpenTicket_ConcurrentRetriesWithSameKey_OneTicket()
    {
        var (client, key) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Intake);
        using (client)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.SendAsync(Post(Body(), "burst"))));
            var numbers = new HashSet<string>();
            foreach (var r in responses)
            {
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString());
                numbers.Add((await JsonOf(r)).GetProperty("number").GetString()!);
                r.Dispose();
            }

            Assert.Single(numbers);
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            Assert.Equal(1, await TicketsOpenedByAsync(key));
        }
    }

    [Fact]
    public async Task OpenTicket_SameKeyFromAnotherIntegration_OpensItsOwnTicket()
    {
        var (a, keyA) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Intake);
        var (b, keyB) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Intake);
        using (a)
        using (b)
        {
            using var fromA = await a.SendAsync(Post(Body(), "shared"));
            using var fromB = await b.SendAsync(Post(Body(), "shared"));

            Assert.Equal(HttpStatusCode.Created, fromA.StatusCode);
            Assert.Equal(HttpStatusCode.Created, fromB.StatusCode);
            Assert.Equal(1, await TicketsOpenedByAsync(keyA));
            Assert.Equal(1, await TicketsOpenedByAsync(keyB));
        }
    }

    [Fact]
    public async Task ScreenPopPhoneLookup_PhoneOfAnApiTicket_FindsTheCallersId()
    {
        var phone = "05" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        var (client, _) = await ApiClient.WithKeyAsync(fixture, ApiScopes.Intake);
        using (client)
        using (var created = await client.SendAsync(Post(Body(nationalId: "1234567897", phone: phone), null)))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var history = new CareDesk.Features.AgentConsole.CallerHistory(fixture.Data);
        Assert.Equal("1234567897", await history.NationalIdForPhoneAsync(phone, new CareDesk.Features.Tickets.TicketScope(true, null)));
        Assert.Null(await history.NationalIdForPhoneAsync("0599999999999", new CareDesk.Features.Tickets.TicketScope(true, null)));
    }
}
