using CareDesk.Features.Tickets;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Npgsql;

namespace CareDesk.Tests.Tickets;

[Collection(PostgresCollection.Name)]
public sealed class EscalationSweeperTests(PostgresServer postgres)
{
    [Fact]
    public async Task SweepOnceAsync_TwoNodesRacing_EscalateEachOverdueTicketExactlyOnce()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var tickets = new List<Ticket>();
        for (var i = 0; i < 30; i++)
            tickets.Add(await h.OpenAsync(i % 2 == 0 ? "balance-inquiry" : "visa-fee-refund"));
        var notYetDue = await h.OpenAsync("general-inquiry");
        h.Time.Now = h.Time.Now.AddDays(1).AddHours(1);
        await using var otherNode = NpgsqlDataSource.Create(h.ConnectionString);

        var counts = await Task.WhenAll(
            Task.Run(() => h.Sweeper().SweepOnceAsync(default)),
            Task.Run(() => h.Sweeper(otherNode).SweepOnceAsync(default)));

        Assert.Equal(30, counts.Sum());
        Assert.Equal(30, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE kind = 'escalated'"));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM (SELECT ticket_id FROM ticket_events WHERE kind = 'escalated' GROUP BY ticket_id HAVING count(*) > 1) x"));
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE kind = 'escalated' AND ticket_id = @Id", new { notYetDue.Id }));
        Assert.Equal(60, await h.CountAsync("SELECT count(*) FROM outbox WHERE payload->>'kind' = 'escalated'"));
        Assert.Equal(30, await h.CountAsync("SELECT count(*) FROM outbox WHERE payload->>'kind' = 'escalated' AND audience = 'role:Supervisor'"));
        Assert.Equal(0, await h.Sweeper().SweepOnceAsync(default));
    }

    [Fact]
    public async Task SweepOnceAsync_AfterHandOff_EscalatesTheNewStageOnceMore()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        h.Time.Now = h.Time.Now.AddDays(2);
        Assert.Equal(1, await h.Sweeper().SweepOnceAsync(default));
        var escalated = (await h.Store.GetAsync(t.Id, TicketHarness.Supervisor.Scope))!;
        Assert.True(escalated.IsEscalated);

        var moved = Assert.IsType<TicketResult.Ok>(await h.Commands.AdvanceAsync(escalated.Id, escalated.Version, TicketHarness.Liaison("MOF"))).Ticket;
        Assert.False(moved.IsEscalated);
        Assert.Equal(0, await h.Sweeper().SweepOnceAsync(default));
        h.Time.Now = h.Time.Now.AddDays(10);

        Assert.Equal(1, await h.Sweeper().SweepOnceAsync(default));
        Assert.Equal(0, await h.Sweeper().SweepOnceAsync(default));
        Assert.Equal(2, await h.CountAsync("SELECT count(*) FROM ticket_events WHERE kind = 'escalated' AND ticket_id = @Id", new { t.Id }));
        Assert.Equal(1, await h.CountAsync("SELECT count(*) FROM outbox WHERE payload->>'kind' = 'escalated' AND audience = 'agency:NIC'"));
    }

    [Fact]
    public async Task SweepOnceAsync_ResolvedTicket_IsNotEscalated()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        Assert.IsType<TicketResult.Ok>(await h.Commands.ResolveAsync(t.Id, t.Version, TicketHarness.Liaison("MOF"), "تم"));
        h.Time.Now = h.Time.Now.AddDays(30);

        Assert.Equal(0, await h.Sweeper().SweepOnceAsync(default));
    }

    [Fact]
    public async Task SweepOnceAsync_Overdue_NoticeNamesTheStageAndAgencyInEachLanguage()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        var t = await h.OpenAsync("balance-inquiry");
        h.Time.Now = h.Time.Now.AddDays(2);
        Assert.Equal(1, await h.Sweeper().SweepOnceAsync(default));

        await using var conn = await h.DataSource.OpenConnectionAsync();
        var (ar, en) = await Dapper.SqlMapper.QuerySingleAsync<(string, string)>(conn,
            "SELECT payload->>'text_ar', payload->>'text_en' FROM outbox WHERE payload->>'kind' = 'escalated' AND audience = 'role:Supervisor' AND ticket_id = @Id",
            new { t.Id });
        var stage = TicketHarness.Reference.FindCaseType(t.CaseType)!.Journey.Single(s => s.Code == t.StageCode);
        var agency = TicketHarness.Reference.FindAgency(t.OwningAgency)!;
        Assert.Contains(stage.NameAr, ar);
        Assert.Contains(agency.NameAr, ar);
        Assert.Contains(stage.NameEn, en);
        Assert.Contains(agency.NameEn, en);
        Assert.DoesNotContain(t.StageCode, ar);
        Assert.Contains(t.Number, ar);
    }
}
