using CareDesk.Features.Tickets;
using CareDesk.Tests.Data;
using CareDesk.Testing;

namespace CareDesk.Tests.Tickets;

[Collection(PostgresCollection.Name)]
public sealed class TicketWorkTests(PostgresServer postgres)
{
    private static Ticket Ok(TicketResult r) => Assert.IsType<TicketResult.Ok>(r).Ticket;

    [Fact]
    public async Task ResolveAsync_GivesTheOpeningAgentACallBack_ReopenWithdrawsIt()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var liaison = TicketHarness.Liaison("MOF");
        var t = await h.OpenAsync("balance-refund");

        t = Ok(await h.Commands.ResolveAsync(t.Id, t.Version, liaison, "تمت المعالجة"));

        Assert.Equal(TicketStatus.Resolved, t.Status);
        var callback = Assert.Single(await h.Store.CallbacksAsync("agent.demo"));
        Assert.Equal(t.Number, callback.Number);
        Assert.Empty(await h.Store.CallbacksAsync("someone.else"));

        var reopened = Ok(await h.Commands.ReopenAsync(t.Id, t.Version, TicketHarness.Agent, "العميل لم يستلم المبلغ"));
        Assert.Equal(TicketStatus.Open, reopened.Status);
        Assert.Empty(await h.Store.CallbacksAsync("agent.demo"));
        Assert.IsType<TicketResult.Invalid>(await h.Commands.ReopenAsync(reopened.Id, reopened.Version, TicketHarness.Agent, "مرة أخرى"));
    }

    [Fact]
    public async Task CompleteCallbackAsync_OnlyTheOwningAgent_ClosesIt()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-refund");
        Ok(await h.Commands.ResolveAsync(t.Id, t.Version, TicketHarness.Liaison("MOF"), null));
        var callback = Assert.Single(await h.Store.CallbacksAsync("agent.demo"));

        Assert.False(await h.Store.CompleteCallbackAsync(callback.Id, "someone.else", h.Time.Now));
        Assert.True(await h.Store.CompleteCallbackAsync(callback.Id, "agent.demo", h.Time.Now));
        Assert.Empty(await h.Store.CallbacksAsync("agent.demo"));
    }

    [Fact]
    public async Task AddVerificationAsync_MergesWhatTheAgencyAdds()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var liaison = TicketHarness.Liaison("MOF");
        var t = await h.OpenAsync("payment-not-reflected");
        var paid = h.Time.Now.AddDays(-3);

        t = Ok(await h.Commands.AddVerificationAsync(t.Id, t.Version, liaison, new VerificationData { PaymentAt = paid, Channel = "SADAD" }));
        t = Ok(await h.Commands.AddVerificationAsync(t.Id, t.Version, liaison, new VerificationData { RefundedOn = new DateOnly(2026, 10, 30) }));

        var stored = (await h.Store.GetAsync(t.Id, liaison.Scope))!.Verification;
        Assert.Equal((paid, "SADAD", new DateOnly(2026, 10, 30)), (stored.PaymentAt, stored.Channel, stored.RefundedOn));
        Assert.IsType<TicketResult.Invalid>(await h.Commands.AddVerificationAsync(t.Id, t.Version, liaison, new VerificationData()));
        Assert.IsType<TicketResult.Invalid>(await h.Commands.AddVerificationAsync(t.Id, t.Version, liaison, new VerificationData { CancelledAt = h.Time.Now.AddDays(1) }));
    }

    [Fact]
    public async Task ReplyAsync_Template_FillsTheTicketsValuesInBothLanguages()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var liaison = TicketHarness.Liaison("MOF");
        var t = await h.OpenAsync("balance-inquiry");

        Ok(await h.Commands.ReplyAsync(t.Id, t.Version, liaison, "acknowledgement", null));

        var reply = (await h.Store.HistoryAsync(t.Id, liaison.Scope))[^1];
        Assert.Equal(TicketEventKind.Reply, reply.Kind);
        Assert.Contains(t.Number, reply.Data);
        Assert.DoesNotContain("{ticket_number}", reply.Data);
        Assert.DoesNotContain("{due_date}", reply.Data);
        Assert.IsType<TicketResult.Invalid>(await h.Commands.ReplyAsync(t.Id, t.Version + 1, liaison, "no-such-template", null));
    }

    [Fact]
    public async Task RequestInfoThenAgentNote_WaitsAndThenReturnsToTheLiaison()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var liaison = TicketHarness.Liaison("MOF");
        var t = Ok(await h.Commands.ClaimAsync((await h.OpenAsync("balance-inquiry")).Id, 1, liaison));

        t = Ok(await h.Commands.RequestInfoAsync(t.Id, t.Version, liaison, "رقم فاتورة سداد؟"));
        Assert.Equal(TicketStatus.AwaitingInfo, t.Status);
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM outbox WHERE audience = 'user:agent.demo' AND payload->>'kind' = 'info-requested'"));

        t = Ok(await h.Commands.AddNoteAsync(t.Id, t.Version, TicketHarness.Agent, "رقم الفاتورة 123456"));
        Assert.Equal((TicketStatus.Claimed, liaison.Username), (t.Status, t.Assignee));
    }

    [Fact]
    public async Task OpenAsync_InvalidForm_SavesNothing()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var form = TicketHarness.Form("balance-refund") with { CallerNationalId = "1045678900" };

        var result = await h.Commands.OpenAsync(form, TicketHarness.Agent);

        Assert.Equal("tickets.error.form", Assert.IsType<TicketResult.Invalid>(result).MessageKey);
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM tickets"));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_events"));
    }

    [Fact]
    public async Task OpenAsync_StoresOnlyTheCaseTypesFields()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var details = TicketHarness.RequiredDetails("visa-status");
        details["issued_number"] = "  ٤٥٦٧ ";

        var t = Ok(await h.Commands.OpenAsync(TicketHarness.Form("visa-status", details), TicketHarness.Agent));

        Assert.Equal("4567", t.Details["issued_number"]);
        Assert.Equal(details.Count, t.Details.Count);
    }
}
