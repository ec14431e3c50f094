using CareDesk.Features.Accounts;
using CareDesk.Features.Tickets;
using CareDesk.Tests.Data;
using CareDesk.Testing;

namespace CareDesk.Tests.Tickets;

[Collection(PostgresCollection.Name)]
public sealed class TicketScopeTests(PostgresServer postgres)
{
    private static async Task<Ticket> AtMofaAsync(TicketHarness h)
    {
        var t = await h.OpenAsync("visa-fee-refund");
        return Assert.IsType<TicketResult.Ok>(await h.Commands.AdvanceAsync(t.Id, t.Version, TicketHarness.Liaison("MOF"))).Ticket;
    }

    [Fact]
    public async Task Reads_NicLiaison_CannotSeeAMofaTicketByNumberIdHistoryOrInbox()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await AtMofaAsync(h);
        var nic = TicketHarness.Liaison("NIC").Scope;

        Assert.Null(await h.Store.GetAsync(t.Id, nic));
        Assert.Null(await h.Store.GetByNumberAsync(t.Number, nic));
        Assert.Empty(await h.Store.HistoryAsync(t.Id, nic));
        Assert.DoesNotContain(await h.Store.InboxAsync(nic), x => x.Id == t.Id);
        Assert.NotNull(await h.Store.GetByNumberAsync(t.Number.ToLowerInvariant(), TicketHarness.Liaison("MOFA").Scope));
    }

    [Fact]
    public async Task Commands_NicLiaisonOnAMofaTicket_NotFoundAndUnchanged()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await AtMofaAsync(h);
        var nic = TicketHarness.Liaison("NIC");

        Assert.IsType<TicketResult.NotFound>(await h.Commands.ClaimAsync(t.Id, t.Version, nic));
        Assert.IsType<TicketResult.NotFound>(await h.Commands.ResolveAsync(t.Id, t.Version, nic, null));
        Assert.IsType<TicketResult.NotFound>(await h.Commands.AddVerificationAsync(t.Id, t.Version, nic, new VerificationData { Channel = "Bank" }));
        Assert.Equal(TicketHarness.Snapshot(t), TicketHarness.Snapshot(await h.Store.GetAsync(t.Id, TicketHarness.Supervisor.Scope)));
    }

    [Theory]
    [InlineData(Roles.Editor, "MOF")]
    [InlineData(Roles.Reviewer, "MOF")]
    [InlineData(Roles.Liaison, null)]
    public async Task Reads_RoleWithoutTicketScope_SeesNothing(string role, string? agency)
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var scope = TicketScope.For(role, agency);

        Assert.Null(await h.Store.GetAsync(t.Id, scope));
        Assert.Empty(await h.Store.InboxAsync(scope));
    }

    [Fact]
    public async Task OpenAsync_Liaison_IsNotAllowed()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);

        var result = await h.Commands.OpenAsync(TicketHarness.Form("balance-inquiry"), TicketHarness.Liaison("MOF"));

        Assert.Equal("tickets.error.not-allowed", Assert.IsType<TicketResult.Invalid>(result).MessageKey);
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM tickets"));
    }

    [Fact]
    public async Task ClaimAsync_Agent_IsNotAllowed()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");

        Assert.IsType<TicketResult.Invalid>(await h.Commands.ClaimAsync(t.Id, t.Version, TicketHarness.Agent));
    }
}
