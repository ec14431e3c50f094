using CareDesk.Features.Tickets;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;

namespace CareDesk.Tests.Tickets;

/// <summary>
/// Ticket changes under the ticket page's action key: a retry of a change that committed (its answer lost, or a
/// double click) is told "already saved" and writes nothing, racing calls with one key apply once, a key is
/// its user's for its ticket and its kind of change only, and a change by someone else is still a conflict.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TicketActionKeyTests(PostgresServer postgres)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ResolveAsync_RetriedWithItsKeyAfterItCommitted_AlreadySavedWithOneEventOutboxRowAndCallback()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var liaison = TicketHarness.Liaison("MOF");
        var key = Guid.NewGuid();
        var outboxBefore = await h.CountAsync("SELECT count(*) FROM outbox WHERE ticket_id = @Id", new { t.Id });

        // The first call commits; its answer never reached the page, which kept the version it showed and the key.
        Assert.IsType<TicketResult.Ok>(await h.Commands.ResolveAsync(t.Id, t.Version, liaison, "تم", key));
        var retry = await h.Commands.ResolveAsync(t.Id, t.Version, liaison, "تم", key);

        var saved = Assert.IsType<TicketResult.AlreadySaved>(retry).Ticket;
        Assert.Equal((TicketStatus.Resolved, t.Version + 1), (saved.Status, saved.Version));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id AND kind = 'resolved'", new { t.Id }));
        Assert.Equal(outboxBefore + 1, await h.CountAsync("SELECT count(*) FROM outbox WHERE ticket_id = @Id", new { t.Id }));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_callbacks WHERE ticket_id = @Id", new { t.Id }));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_actions WHERE action_key = @key AND version = @Version", new { key, saved.Version }));
    }

    [Fact]
    public async Task ResolveAsync_RetriedAfterSomeoneElseChangedTheTicket_AlreadySavedWithTheTicketAsItIsNow()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var key = Guid.NewGuid();
        Assert.IsType<TicketResult.Ok>(await h.Commands.ResolveAsync(t.Id, t.Version, TicketHarness.Liaison("MOF"), "تم", key));
        Assert.IsType<TicketResult.Ok>(await h.Commands.ReopenAsync(t.Id, t.Version + 1, TicketHarness.Agent, "لم يصل المبلغ"));

        var retry = await h.Commands.ResolveAsync(t.Id, t.Version, TicketHarness.Liaison("MOF"), "تم", key);

        var now = Assert.IsType<TicketResult.AlreadySaved>(retry).Ticket;
        Assert.Equal((TicketStatus.Open, t.Version + 2), (now.Status, now.Version));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id AND kind = 'resolved'", new { t.Id }));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_callbacks WHERE ticket_id = @Id AND done_at IS NULL", new { t.Id }));
    }

    [Fact]
    public async Task RerouteAsync_RetriedAfterTheTicketLeftTheLiaisonsAgency_AlreadySavedNotNotFound()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var liaison = TicketHarness.Liaison("MOF");
        var key = Guid.NewGuid();
        Assert.IsType<TicketResult.Ok>(await h.Commands.RerouteAsync(t.Id, t.Version, liaison, "NIC", "من اختصاص المركز", key));

        var retry = await h.Commands.RerouteAsync(t.Id, t.Version, liaison, "NIC", "من اختصاص المركز", key);

        Assert.Equal("NIC", Assert.IsType<TicketResult.AlreadySaved>(retry).Ticket.OwningAgency);
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id AND kind = 'rerouted'", new { t.Id }));
    }

    [Fact]
    public async Task AddNoteAsync_TenConcurrentCallsWithOneKey_OneNote()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var liaison = TicketHarness.Liaison("MOF");
        var key = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            h.Commands.AddNoteAsync(t.Id, t.Version, liaison, "ملاحظة", key)))).WaitAsync(Bound);

        Assert.Single(results.OfType<TicketResult.Ok>());
        Assert.Equal(9, results.OfType<TicketResult.AlreadySaved>().Count());
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id AND kind = 'note'", new { t.Id }));
        Assert.Equal(t.Version + 1, (await h.Store.GetAsync(t.Id, liaison.Scope))!.Version);
    }

    [Fact]
    public async Task AddNoteAsync_KeyOfAnotherUser_RefusedAndNothingWritten()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var key = Guid.NewGuid();
        Assert.IsType<TicketResult.Ok>(await h.Commands.AddNoteAsync(t.Id, t.Version, TicketHarness.Agent, "ملاحظة", key));
        var before = await CountsAsync(h, t.Id);

        var other = await h.Commands.AddNoteAsync(t.Id, t.Version + 1, TicketHarness.Supervisor, "ملاحظة", key);

        Assert.Equal("tickets.error.action-key", Assert.IsType<TicketResult.Invalid>(other).MessageKey);
        Assert.Equal(before, await CountsAsync(h, t.Id));
    }

    [Fact]
    public async Task ClaimAsync_KeyAlreadyUsedOnAnotherTicketOrForAnotherChange_RefusedAndNothingWritten()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var first = await h.OpenAsync("balance-inquiry");
        var second = await h.OpenAsync("balance-inquiry");
        var liaison = TicketHarness.Liaison("MOF");
        var key = Guid.NewGuid();
        Assert.IsType<TicketResult.Ok>(await h.Commands.ClaimAsync(first.Id, first.Version, liaison, key));

        var otherTicket = await h.Commands.ClaimAsync(second.Id, second.Version, liaison, key);
        var otherChange = await h.Commands.AddNoteAsync(first.Id, first.Version + 1, liaison, "ملاحظة", key);

        Assert.Equal("tickets.error.action-key", Assert.IsType<TicketResult.Invalid>(otherTicket).MessageKey);
        Assert.Equal("tickets.error.action-key", Assert.IsType<TicketResult.Invalid>(otherChange).MessageKey);
        Assert.Equal(TicketHarness.Snapshot(second), TicketHarness.Snapshot(await h.Store.GetAsync(second.Id, liaison.Scope)));
        Assert.Equal(first.Version + 1, (await h.Store.GetAsync(first.Id, liaison.Scope))!.Version);
    }

    [Fact]
    public async Task AddNoteAsync_KeyCommittedOnAnotherTicketWhileThisChangeWaited_RolledBackAndRefused()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var first = await h.OpenAsync("balance-inquiry");
        var second = await h.OpenAsync("balance-inquiry");
        var key = Guid.NewGuid();
        // A change to the first ticket holds the key, uncommitted, while a change to the second starts with it.
        await using var holder = await h.DataSource.OpenConnectionAsync();
        await using var held = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("""
            INSERT INTO ticket_actions (action_key, ticket_id, version, kind, actor) VALUES (@key, @Id, @Version, 'note', 'agent.demo')
            """, new { key, first.Id, Version = first.Version + 1 }, held);

        var waiting = h.Commands.AddNoteAsync(second.Id, second.Version, TicketHarness.Agent, "ملاحظة", key);
        await UntilWaitingForALockAsync(h, waiting);
        await held.CommitAsync();

        Assert.Equal("tickets.error.action-key", Assert.IsType<TicketResult.Invalid>(await waiting.WaitAsync(Bound)).MessageKey);
        Assert.Equal(TicketHarness.Snapshot(second), TicketHarness.Snapshot(await h.Store.GetAsync(second.Id, TicketHarness.Agent.Scope)));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id AND kind = 'note'", new { second.Id }));
    }

    [Fact]
    public async Task ClaimAsync_OtherUserChangedTheTicket_StillAConflictAndTheKeyStaysFree()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var one = TicketHarness.Liaison("MOF", "liaison.mof.one");
        var two = TicketHarness.Liaison("MOF", "liaison.mof.two");
        var key = Guid.NewGuid();
        Assert.IsType<TicketResult.Ok>(await h.Commands.ClaimAsync(t.Id, t.Version, one, Guid.NewGuid()));

        var lost = await h.Commands.ClaimAsync(t.Id, t.Version, two, key);
        var lostAgain = await h.Commands.ClaimAsync(t.Id, t.Version, two, key);

        Assert.Equal("liaison.mof.one", Assert.IsType<TicketResult.ConcurrencyConflict>(lost).Current.Assignee);
        Assert.IsType<TicketResult.ConcurrencyConflict>(lostAgain);
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_actions WHERE action_key = @key", new { key }));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id AND kind = 'claimed'", new { t.Id }));
    }

    [Fact]
    public async Task AddNoteAsync_RefusedInput_LeavesTheKeyFree()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var key = Guid.NewGuid();

        var blank = await h.Commands.AddNoteAsync(t.Id, t.Version, TicketHarness.Agent, "  ", key);
        var written = await h.Commands.AddNoteAsync(t.Id, t.Version, TicketHarness.Agent, "ملاحظة", key);

        Assert.Equal("tickets.error.required", Assert.IsType<TicketResult.Invalid>(blank).MessageKey);
        Assert.IsType<TicketResult.Ok>(written);
    }

    // The change is blocked on the key's row once a backend of this database waits for a lock.
    private static async Task UntilWaitingForALockAsync(TicketHarness h, Task<TicketResult> waiting)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (await h.CountAsync("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE NOT l.granted AND a.datname = current_database()") == 0)
        {
            Assert.False(waiting.IsCompleted, "the change finished without waiting for the key");
            await Task.Delay(20, bound.Token);
        }
    }

    private static async Task<(long, long, long, long)> CountsAsync(TicketHarness h, long id) =>
        (await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @id", new { id }),
         await h.CountAsync("SELECT count(*) FROM outbox WHERE ticket_id = @id", new { id }),
         await h.CountAsync("SELECT count(*) FROM ticket_actions"),
         await h.CountAsync("SELECT version FROM tickets WHERE id = @id", new { id }));
}
