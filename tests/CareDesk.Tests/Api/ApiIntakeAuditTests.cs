using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareDesk.Features.Api;
using CareDesk.Testing;
using CareDesk.Tests.Accounts;
using Dapper;

namespace CareDesk.Tests.Api;

/// <summary>
/// The audit entry of an API intake commits in the ticket's own transaction: both or neither. Every
/// other call (replayed, invalid, failed) still gets its entry, written after the answer is known.
/// </summary>
[Collection(SecureAppCollection.Name)]
public sealed class ApiIntakeAuditTests(SecureAppFixture fixture)
{
    private sealed record Row(string Subject, string? Ticket, string Details, bool SameTransactionAsTicket);

    private static object Body(string phone = "0500000000", string nationalId = "1045678909") => new
    {
        case_type = "payment-not-reflected",
        caller_national_id = nationalId,
        caller_phone = phone,
        channel = "web-form",
        details = new Dictionary<string, string>
        {
            ["beneficiary_id"] = "1045678909", ["service"] = "تجديد جواز", ["amount"] = "300",
            ["payment_date"] = "2026-10-01", ["sadad_bill_number"] = "778899001",
        },
    };

    private static HttpRequestMessage Post(object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(body) };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<(HttpClient Client, string Actor)> ClientAsync(string namePrefix)
    {
        var (key, secret) = await new ApiKeyStore(fixture.Data).CreateAsync(namePrefix + Guid.NewGuid().ToString("N")[..10], [ApiScopes.Intake]);
        var client = HttpSignIn.NewClient(fixture.App.BaseUrl);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return (client, ApiActor.UserName(key.Integration));
    }

    /// <summary>
    /// The actor's API entries once there are <paramref name="expected"/> of them: the entry of a call that
    /// wrote nothing is committed after its answer is sent, so it may land a moment after the client reads it.
    /// </summary>
    private async Task<List<Row>> EntriesAsync(string actor, int expected)
    {
        await using var conn = await fixture.Data.OpenConnectionAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var rows = (await conn.QueryAsync<Row>("""
                SELECT a.subject AS Subject, a.ticket AS Ticket, a.details AS Details,
                       coalesce(a.xmin = t.xmin, false) AS SameTransactionAsTicket
                FROM audit_log a LEFT JOIN tickets t ON t.number = a.ticket
                WHERE a.actor = @Actor AND a.action = 'api.call'
                ORDER BY a.id
                """, new { Actor = actor })).ToList();
            if (rows.Count >= expected || DateTime.UtcNow > deadline)
                return rows;
            await Task.Delay(100);
        }
    }

    private async Task<long> TicketsOpenedByAsync(string actor)
    {
        await using var conn = await fixture.Data.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM tickets WHERE opened_by = @Actor", new { Actor = actor });
    }

    [Fact]
    public async Task OpenTicket_CreatedReplayedAndInvalid_EachCallAuditedOnceCreatedInTheTicketsTransaction()
    {
        var (client, actor) = await ClientAsync("audit-");
        string number;
        using (client)
        {
            using (var created = await client.SendAsync(Post(Body(), "audit-1")))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
            }
            using (var replayed = await client.SendAsync(Post(Body(), "audit-1")))
                Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
            using (var invalid = await client.SendAsync(Post(Body(nationalId: "12"))))
                Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        var rows = await EntriesAsync(actor, 3);

        Assert.Equal(
            [new Row("POST /api/tickets", number, "201", true), new Row("POST /api/tickets", number, "200", false), new Row("POST /api/tickets", null, "400", false)],
            rows);
    }

    [Fact]
    public async Task OpenTicket_TicketTransactionFailsAtCommit_NoTicketNoCreatedEntryCallAuditedAs500()
    {
        const string phone = "0511111111";
        await using (var conn = await fixture.Data.OpenConnectionAsync())
        {
            // Checked at commit, after the ticket, its intake row and its audit entry were written.
            await conn.ExecuteAsync($"""
                CREATE OR REPLACE FUNCTION test_refuse_ticket_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.caller_phone = '{phone}' THEN
                        RAISE EXCEPTION 'test: ticket refused at commit' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NULL;
                END $$;
                DROP TRIGGER IF EXISTS test_refuse_ticket_at_commit ON tickets;
                CREATE CONSTRAINT TRIGGER test_refuse_ticket_at_commit AFTER INSERT ON tickets
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refuse_ticket_at_commit();
                """);
        }
        await AssertFailsWithoutTicketAuditedAs500Async("rollback-", Post(Body(phone: phone)));
    }

    [Fact]
    public async Task OpenTicket_AuditEntryRefusedInTheTransaction_NoTicketCallAuditedAs500()
    {
        const string prefix = "audit-refused-";
        await using (var conn = await fixture.Data.OpenConnectionAsync())
        {
            await conn.ExecuteAsync($"""
                CREATE OR REPLACE FUNCTION test_refuse_created_entry() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.actor LIKE 'api:{prefix}%' AND NEW.details = '201' THEN
                        RAISE EXCEPTION 'test: audit entry refused' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END $$;
                DROP TRIGGER IF EXISTS test_refuse_created_entry ON audit_log;
                CREATE TRIGGER test_refuse_created_entry BEFORE INSERT ON audit_log
                    FOR EACH ROW EXECUTE FUNCTION test_refuse_created_entry();
                """);
        }
        await AssertFailsWithoutTicketAuditedAs500Async(prefix, Post(Body(), "refused-1"));
    }

    private async Task AssertFailsWithoutTicketAuditedAs500Async(string integrationPrefix, HttpRequestMessage request)
    {
        var (client, actor) = await ClientAsync(integrationPrefix);
        using (client)
        using (request)
        using (var response = await client.SendAsync(request))
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);

        Assert.Equal(0, await TicketsOpenedByAsync(actor));
        Assert.Equal([new Row("POST /api/tickets", null, "500", false)], await EntriesAsync(actor, 1));
    }
}
