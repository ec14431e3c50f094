using CareDesk.Features.Tickets;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;
using Npgsql;

namespace CareDesk.Tests.Tickets;

[Collection(PostgresCollection.Name)]
public sealed class TicketConcurrencyTests(PostgresServer postgres)
{
    [Fact]
    public async Task ClaimAsync_StaleVersion_ReturnsConflictAndKeepsTheFirstWrite()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var first = TicketHarness.Liaison("MOF", "liaison.mof.one");
        var second = TicketHarness.Liaison("MOF", "liaison.mof.two");

        var won = await h.Commands.ClaimAsync(t.Id, t.Version, first);
        var lost = await h.Commands.ClaimAsync(t.Id, t.Version, second);

        Assert.IsType<TicketResult.Ok>(won);
        var conflict = Assert.IsType<TicketResult.ConcurrencyConflict>(lost);
        Assert.Equal(("liaison.mof.one", t.Version + 1), (conflict.Current.Assignee, conflict.Current.Version));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id AND kind = 'claimed'", new { t.Id }));
    }

    [Fact]
    public async Task Commands_RacingOnOneVersion_ExactlyOneWins()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var liaison = TicketHarness.Liaison("MOF");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            h.Commands.AddNoteAsync(t.Id, t.Version, liaison, $"ملاحظة {i}")));

        Assert.Single(results.OfType<TicketResult.Ok>());
        Assert.Equal(7, results.OfType<TicketResult.ConcurrencyConflict>().Count());
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id AND kind = 'note'", new { t.Id }));
        Assert.Equal(t.Version + 1, (await h.Store.GetAsync(t.Id, liaison.Scope))!.Version);
    }

    [Fact]
    public async Task ResolveAsync_FailsAfterTheRowUpdate_LeavesNothingHalfWritten()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        await using (var conn = await h.DataSource.OpenConnectionAsync())
        {
            // The database fails the write between the ticket row and its event, as a crash there would.
            await conn.ExecuteAsync("""
                CREATE FUNCTION fail_resolved() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.kind = 'resolved' THEN RAISE EXCEPTION 'disk gone'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER fail_resolved BEFORE INSERT ON ticket_events FOR EACH ROW EXECUTE FUNCTION fail_resolved();
                """);
        }
        var outboxBefore = await h.CountAsync("SELECT count(*) FROM outbox");

        await Assert.ThrowsAsync<PostgresException>(() => h.Commands.ResolveAsync(t.Id, t.Version, TicketHarness.Liaison("MOF"), "تم"));

        Assert.Equal(TicketHarness.Snapshot(t), TicketHarness.Snapshot(await h.Store.GetAsync(t.Id, TicketHarness.Supervisor.Scope)));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_callbacks"));
        Assert.Equal(outboxBefore, await h.CountAsync("SELECT count(*) FROM outbox"));
        Assert.Equal(2, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id", new { t.Id }));
    }

    [Fact]
    public async Task TicketEvents_UpdateOrDelete_IsRefused()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        await using var conn = await h.DataSource.OpenConnectionAsync();

        await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("UPDATE ticket_events SET kind = 'x' WHERE ticket_id = @Id", new { t.Id }));
        await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("DELETE FROM ticket_events WHERE ticket_id = @Id", new { t.Id }));
    }
}
