using CareDesk.Features.Tickets;
using CareDesk.Features.Tickets.Background;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareDesk.Tests.Tickets;

/// <summary>Old submission and action keys are forgotten; recent ones, the tickets and their history stay.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetryKeyRetentionTests(PostgresServer postgres)
{
    [Fact]
    public async Task PurgeOnce_KeysOlderThanTheRetention_DeletedAndNothingElse()
    {
        // The keys' rows are stamped by the database's clock or the commands' clock: let them agree.
        await using var h = await TicketHarness.CreateAsync(postgres, DateTimeOffset.UtcNow);
        var submissions = new TicketSubmissions(h.DataSource, h.Commands);
        var (oldOpen, newOpen, oldNote, newNote) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var first = Assert.IsType<TicketResult.Ok>(await submissions.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Agent, oldOpen)).Ticket;
        Assert.IsType<TicketResult.Ok>(await submissions.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Agent, newOpen));
        var noted = Assert.IsType<TicketResult.Ok>(await h.Commands.AddNoteAsync(first.Id, first.Version, TicketHarness.Agent, "أولى", oldNote)).Ticket;
        Assert.IsType<TicketResult.Ok>(await h.Commands.AddNoteAsync(first.Id, noted.Version, TicketHarness.Agent, "ثانية", newNote));
        await h.CountAsync("""
            WITH a AS (UPDATE ticket_submissions SET created_at = now() - interval '8 days' WHERE submission_key = @OldOpen RETURNING 1),
                 b AS (UPDATE ticket_actions SET created_at = now() - interval '8 days' WHERE action_key = @OldNote RETURNING 1)
            SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b)
            """, new { OldOpen = oldOpen, OldNote = oldNote });
        var events = await h.CountAsync("SELECT count(*) FROM ticket_events");

        var purge = new RetryKeyRetention(h.DataSource, h.Options, h.Time, NullLogger<RetryKeyRetention>.Instance);
        Assert.Equal(2, await purge.PurgeOnceAsync(default));
        Assert.Equal(0, await purge.PurgeOnceAsync(default));

        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_submissions WHERE submission_key = @OldOpen", new { OldOpen = oldOpen }));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_submissions WHERE submission_key = @NewOpen", new { NewOpen = newOpen }));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_actions WHERE action_key = @OldNote", new { OldNote = oldNote }));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_actions WHERE action_key = @NewNote", new { NewNote = newNote }));
        Assert.Equal(2, await h.CountAsync("SELECT count(*) FROM tickets"));
        Assert.Equal(events, await h.CountAsync("SELECT count(*) FROM ticket_events"));
    }
}
