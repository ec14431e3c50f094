using CareDesk.Features.Tickets;
using CareDesk.Features.Tickets.Background;
using CareDesk.Features.Tickets.Live;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Tickets;

[Collection(PostgresCollection.Name)]
public sealed class TicketLiveTests(PostgresServer postgres)
{
    /// <summary>An e-mail sender that fails a set number of times, then records what it sent.</summary>
    private sealed class FlakyEmail(int failures) : IEmailSender
    {
        public int Calls { get; private set; }
        public List<EmailMessage> Sent { get; } = [];
        public bool IsEnabled => true;

        public Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            if (++Calls <= failures)
                throw new IOException("smtp unreachable");
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task DispatchOnceAsync_InApp_DeliversEachMessageOnceToItsAudience()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");

        var counts = await Task.WhenAll(Task.Run(() => h.Dispatcher().DispatchOnceAsync(default)), Task.Run(() => h.Dispatcher().DispatchOnceAsync(default)));

        Assert.Equal(1, counts.Sum());
        var seen = await new NotificationStore(h.DataSource).RecentAsync(TicketHarness.Liaison("MOF"));
        Assert.Equal(t.Id, Assert.Single(seen).TicketId);
        Assert.Empty(await new NotificationStore(h.DataSource).RecentAsync(TicketHarness.Liaison("NIC")));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM outbox WHERE dispatched_at IS NULL"));
    }

    [Fact]
    public async Task ListAsync_MarkRead_CountsOnlyNewerNoticesAndNeverMovesBack()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var store = new NotificationStore(h.DataSource);
        var liaison = TicketHarness.Liaison("MOF");
        await h.OpenAsync("balance-inquiry");
        await h.OpenAsync("balance-inquiry");
        await h.Dispatcher().DispatchOnceAsync(default);

        var before = await store.ListAsync(liaison, 10);
        Assert.Equal((2, 2, 0L), (before.Items.Count, before.Unread, before.SeenUpTo));
        Assert.All(before.Items, n => Assert.True(before.IsUnread(n)));

        await store.MarkReadAsync(liaison, before.Items[0].Id);
        var third = await h.OpenAsync("balance-inquiry");
        await h.Dispatcher().DispatchOnceAsync(default);
        await store.MarkReadAsync(liaison, before.Items[1].Id); // an older mark (a second tab) does not un-read anything

        var after = await store.ListAsync(liaison, 10);
        Assert.Equal(1, after.Unread);
        Assert.Equal(third.Id, Assert.Single(after.Items, after.IsUnread).TicketId);
        // The marker is the user's own: another liaison of the agency still has all three unread.
        Assert.Equal(3, (await store.ListAsync(TicketHarness.Liaison("MOF", "liaison.mof.second"), 10)).Unread);
    }

    [Fact]
    public async Task DispatchOnceAsync_FailingEmail_RetriesWithBackoffThenDelivers()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        await using (var conn = await h.DataSource.OpenConnectionAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(conn, """
                INSERT INTO outbox (channel, audience, ticket_id, payload, created_at, next_attempt_at)
                VALUES ('email', 'mof.liaison2@example.gov.sa', @Id, '{"kind":"escalated","number":"x","text_ar":"أ","text_en":"a"}', now(), @Now)
                """, new { t.Id, Now = h.Time.Now.UtcDateTime });
        }
        var email = new FlakyEmail(failures: 2);
        var dispatcher = h.Dispatcher(email);

        await dispatcher.DispatchOnceAsync(default);
        Assert.Equal(1, email.Calls);
        await dispatcher.DispatchOnceAsync(default);
        Assert.Equal(1, email.Calls);
        h.Time.Now = h.Time.Now.AddSeconds(3);
        await dispatcher.DispatchOnceAsync(default);
        Assert.Equal(2, email.Calls);
        h.Time.Now = h.Time.Now.AddSeconds(5);
        await dispatcher.DispatchOnceAsync(default);

        Assert.Equal("mof.liaison2@example.gov.sa", Assert.Single(email.Sent).To);
        Assert.Equal(3, await h.CountAsync("SELECT attempts FROM outbox WHERE channel = 'email'"));
        Assert.Equal(OutboxDispatcher.Backoff(1) * 2, OutboxDispatcher.Backoff(2));
    }

    [Fact]
    public async Task TicketSignals_ChangeOnAnotherNode_ReachesThisNodesSubscribers()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        await using var thisNode = NpgsqlDataSource.Create(h.ConnectionString);
        var signals = new TicketSignals(thisNode, NullLogger<TicketSignals>.Instance);
        var received = new TaskCompletionSource<TicketSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signals.Resynced += () => listening.TrySetResult();
        signals.TicketChanged += s => received.TrySetResult(s);
        await signals.StartAsync(default);
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(10));

            var t = await h.OpenAsync("visa-status");

            var signal = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal((t.Id, t.Number, "MOF", TicketEventKind.Created), (signal.Id, signal.Number, signal.Agency, signal.Kind));
        }
        finally
        {
            await signals.StopAsync(default);
        }
    }

    [Fact]
    public async Task TicketPresence_TwoPages_BothSeenUntilOneLeaves()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var presence = new TicketPresence(h.DataSource, h.Options);
        await using var otherNode = NpgsqlDataSource.Create(h.ConnectionString);
        var presenceElsewhere = new TicketPresence(otherNode, h.Options);

        await presence.JoinAsync(t.Id, "page-1", TicketHarness.Liaison("MOF", "liaison.one"));
        await presenceElsewhere.JoinAsync(t.Id, "page-2", TicketHarness.Liaison("MOF", "liaison.two"));
        await presence.JoinAsync(t.Id, "page-1", TicketHarness.Liaison("MOF", "liaison.one"));

        Assert.Equal(["liaison.one", "liaison.two"], (await presence.ViewersAsync(t.Id)).Select(v => v.Username).Order());
        await presenceElsewhere.LeaveAsync(t.Id, "page-2");
        Assert.Equal("liaison.one", Assert.Single(await presence.ViewersAsync(t.Id)).Username);
    }
}
