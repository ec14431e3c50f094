using CareDesk.Features.Tickets;
using CareDesk.Tests.Data;
using CareDesk.Testing;

namespace CareDesk.Tests.Tickets;

/// <summary>The console form's submission key: a retry, a double click or a race opens one ticket.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TicketSubmissionTests(PostgresServer postgres)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task OpenAsync_SameKeyTwice_OneTicketAndTheSameNumber()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var submissions = new TicketSubmissions(h.DataSource, h.Commands);
        var key = Guid.NewGuid();

        var first = Assert.IsType<TicketResult.Ok>(await submissions.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Agent, key));
        var again = Assert.IsType<TicketResult.AlreadyOpened>(await submissions.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Agent, key));

        Assert.Equal((first.Ticket.Id, first.Ticket.Number), (again.Ticket.Id, again.Ticket.Number));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM tickets"));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE kind = 'created'"));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM outbox"));
    }

    [Fact]
    public async Task OpenAsync_NewKey_OpensANewTicket()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var submissions = new TicketSubmissions(h.DataSource, h.Commands);

        var first = Assert.IsType<TicketResult.Ok>(await submissions.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Agent, Guid.NewGuid()));
        var second = Assert.IsType<TicketResult.Ok>(await submissions.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Agent, Guid.NewGuid()));

        Assert.NotEqual(first.Ticket.Number, second.Ticket.Number);
        Assert.Equal(2, await h.CountAsync("SELECT count(*) FROM ticket_submissions"));
    }

    [Fact]
    public async Task OpenAsync_TenConcurrentSubmitsWithOneKey_OneTicket()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var submissions = new TicketSubmissions(h.DataSource, h.Commands);
        var key = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            submissions.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Agent, key)))).WaitAsync(Bound);

        var opened = Assert.Single(results.OfType<TicketResult.Ok>()).Ticket;
        Assert.Equal(9, results.OfType<TicketResult.AlreadyOpened>().Count());
        Assert.All(results.OfType<TicketResult.AlreadyOpened>(), r => Assert.Equal(opened.Number, r.Ticket.Number));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM tickets"));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE kind = 'created'"));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM outbox"));
    }

    [Fact]
    public async Task OpenAsync_KeyOfAnotherUser_RefusedAndNothingWritten()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var submissions = new TicketSubmissions(h.DataSource, h.Commands);
        var key = Guid.NewGuid();
        Assert.IsType<TicketResult.Ok>(await submissions.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Agent, key));
        var before = await CountsAsync(h);

        var other = await submissions.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Supervisor, key);

        Assert.Equal("tickets.error.submission-key", Assert.IsType<TicketResult.Invalid>(other).MessageKey);
        Assert.Equal(before, await CountsAsync(h));
    }

    [Fact]
    public async Task OpenAsync_RetryAfterTheAnswerToACommitWasLost_FindsTheTicket()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var submissions = new TicketSubmissions(h.DataSource, h.Commands);
        var key = Guid.NewGuid();
        var form = TicketHarness.Form("balance-inquiry");

        // The first submit commits, but its answer never reaches the page (the connection dropped after
        // COMMIT): the page only saw the outage, kept the form and its key, and the agent submits again.
        var lost = submissions.OpenAsync(form, TicketHarness.Agent, key);
        await lost.WaitAsync(Bound);
        var retry = await submissions.OpenAsync(form, TicketHarness.Agent, key);

        var found = Assert.IsType<TicketResult.AlreadyOpened>(retry).Ticket;
        Assert.Equal(found.Number, (await h.Store.GetByNumberAsync(found.Number, TicketHarness.Agent.Scope))!.Number);
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM tickets"));
    }

    [Fact]
    public async Task OpenAsync_InvalidForm_WritesNothingAndLeavesTheKeyFree()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var submissions = new TicketSubmissions(h.DataSource, h.Commands);
        var key = Guid.NewGuid();

        var invalid = await submissions.OpenAsync(TicketHarness.Form("balance-inquiry", []), TicketHarness.Agent, key);
        var valid = await submissions.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Agent, key);

        Assert.IsType<TicketResult.Invalid>(invalid);
        Assert.IsType<TicketResult.Ok>(valid);
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM tickets"));
    }

    [Fact]
    public async Task TicketActions_RetriedWithoutAKeyAfterTheyCommitted_RefusedAsStaleAndWrittenOnce()
    {
        // Without an action key (the demo, callers other than the ticket page) a change carries only the version
        // it read: a retry of one that committed finds the next version and writes nothing (TicketActionKeyTests
        // has the ticket page's keyed retries).
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var liaison = TicketHarness.Liaison("MOF");

        Assert.IsType<TicketResult.Ok>(await h.Commands.AddNoteAsync(t.Id, t.Version, TicketHarness.Agent, "ملاحظة"));
        Assert.IsType<TicketResult.ConcurrencyConflict>(await h.Commands.AddNoteAsync(t.Id, t.Version, TicketHarness.Agent, "ملاحظة"));
        var template = TicketHarness.Reference.Templates.Templates[0].Code;
        Assert.IsType<TicketResult.Ok>(await h.Commands.ReplyAsync(t.Id, t.Version + 1, liaison, template, null));
        Assert.IsType<TicketResult.ConcurrencyConflict>(await h.Commands.ReplyAsync(t.Id, t.Version + 1, liaison, template, null));

        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id AND kind = 'note'", new { t.Id }));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id AND kind = 'reply'", new { t.Id }));
    }

    private static async Task<(long, long, long, long)> CountsAsync(TicketHarness h) =>
        (await h.CountAsync("SELECT count(*) FROM tickets"), await h.CountAsync("SELECT count(*) FROM ticket_events"),
         await h.CountAsync("SELECT count(*) FROM outbox"), await h.CountAsync("SELECT count(*) FROM ticket_submissions"));
}
