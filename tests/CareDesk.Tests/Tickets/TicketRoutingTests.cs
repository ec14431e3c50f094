using CareDesk.Features.Tickets;
using CareDesk.Tests.Data;
using CareDesk.Testing;

namespace CareDesk.Tests.Tickets;

[Collection(PostgresCollection.Name)]
public sealed class TicketRoutingTests(PostgresServer postgres)
{
    public static TheoryData<string> CaseTypes()
    {
        var data = new TheoryData<string>();
        foreach (var t in TicketHarness.Reference.CaseTypes.CaseTypes)
            data.Add(t.Code);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseTypes))]
    public async Task OpenThenAdvance_EachCaseType_FollowsTheJourneysOwners(string caseType)
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var journey = TicketHarness.Reference.FindCaseType(caseType)!.Journey;

        var ticket = await h.OpenAsync(caseType);

        Assert.Matches(@"^CD-2026-\d{6}$", ticket.Number);
        Assert.Equal((0, journey[0].Code, journey[0].Owner), (ticket.StageIndex, ticket.StageCode, ticket.OwningAgency));
        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal(journey[0].DueAt(h.Time.Now, h.Calendar), ticket.StageDue);
        for (var i = 1; i < journey.Count; i++)
        {
            var worker = TicketHarness.Liaison(ticket.OwningAgency);
            ticket = Assert.IsType<TicketResult.Ok>(await h.Commands.AdvanceAsync(ticket.Id, ticket.Version, worker)).Ticket;
            Assert.Equal((i, journey[i].Code, journey[i].Owner), (ticket.StageIndex, ticket.StageCode, ticket.OwningAgency));
        }
        var last = await h.Commands.AdvanceAsync(ticket.Id, ticket.Version, TicketHarness.Liaison(ticket.OwningAgency));
        Assert.Equal("tickets.error.last-stage", Assert.IsType<TicketResult.Invalid>(last).MessageKey);

        var history = await h.Store.HistoryAsync(ticket.Id, TicketHarness.Supervisor.Scope);
        Assert.Equal([TicketEventKind.Created, TicketEventKind.Routed, .. Enumerable.Repeat(TicketEventKind.StageAdvanced, journey.Count - 1)],
            history.Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(1, journey.Count), history.Skip(1).Select(e => e.Version));
    }

    [Fact]
    public async Task AdvanceAsync_VisaFeeRefund_HandsToMofaWithNewDeadlines()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var opened = await h.OpenAsync("visa-fee-refund");
        h.Time.Now = h.Time.Now.AddHours(2);

        var moved = Assert.IsType<TicketResult.Ok>(await h.Commands.AdvanceAsync(opened.Id, opened.Version, TicketHarness.Liaison("MOF"))).Ticket;

        Assert.Equal(("mofa-refund", "MOFA", TicketStatus.Open, (string?)null), (moved.StageCode, moved.OwningAgency, moved.Status, moved.Assignee));
        Assert.Equal(h.Time.Now.AddHours(360), moved.StageDue);
        Assert.Equal(h.Calendar.AddWorkingDays(moved.StageDue, 3), moved.JourneyDue);
        Assert.Equal(opened.HandOff + 1, moved.HandOff);
        var inbox = await h.Store.InboxAsync(TicketHarness.Liaison("MOFA").Scope);
        Assert.Contains(inbox, t => t.Id == opened.Id);
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM outbox WHERE audience = 'agency:MOFA' AND ticket_id = @Id", new { opened.Id }));
    }

    [Fact]
    public async Task RerouteAsync_WithoutReason_WritesNothing()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");

        var result = await h.Commands.RerouteAsync(t.Id, t.Version, TicketHarness.Liaison("MOF"), "NIC", "  ");

        Assert.Equal("tickets.error.reason", Assert.IsType<TicketResult.Invalid>(result).MessageKey);
        Assert.Equal(TicketHarness.Snapshot(t), TicketHarness.Snapshot(await h.Store.GetAsync(t.Id, TicketHarness.Supervisor.Scope)));
        Assert.Equal(2, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE ticket_id = @Id", new { t.Id }));
    }

    [Fact]
    public async Task RerouteAsync_WithReason_MovesToTheAgencyAndTellsEveryoneInvolved()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");

        var moved = Assert.IsType<TicketResult.Ok>(
            await h.Commands.RerouteAsync(t.Id, t.Version, TicketHarness.Liaison("MOF"), "PASSPORTS", "الرسوم تخص الجوازات")).Ticket;

        Assert.Equal(("PASSPORTS", 0, TicketStatus.Open), (moved.OwningAgency, moved.StageIndex, moved.Status));
        var last = (await h.Store.HistoryAsync(t.Id, TicketHarness.Liaison("PASSPORTS").Scope))[^1];
        Assert.Equal(TicketEventKind.Rerouted, last.Kind);
        Assert.Contains("الرسوم تخص الجوازات", last.Data);
        Assert.Contains("\"from_agency\": \"MOF\"", last.Data);
        Assert.Null(await h.Store.GetAsync(t.Id, TicketHarness.Liaison("MOF").Scope));
        Assert.Equal(3, await h.CountAsync(
            "SELECT count(*) FROM outbox WHERE ticket_id = @Id AND payload->>'kind' = 'ticket-rerouted' AND audience IN ('agency:PASSPORTS', 'agency:MOF', 'user:agent.demo')",
            new { t.Id }));
    }

    [Fact]
    public async Task RerouteAsync_ToUnknownOrSameAgency_IsRejected()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        var liaison = TicketHarness.Liaison("MOF");

        Assert.IsType<TicketResult.Invalid>(await h.Commands.RerouteAsync(t.Id, t.Version, liaison, "MOF", "سبب"));
        Assert.IsType<TicketResult.Invalid>(await h.Commands.RerouteAsync(t.Id, t.Version, liaison, "BANK", "سبب"));
    }
}
