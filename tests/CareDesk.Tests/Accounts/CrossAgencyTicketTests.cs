using CareDesk.Features.Reference;
using CareDesk.Features.Accounts;
using CareDesk.Features.Tickets;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;
using CareDesk.Testing;

namespace CareDesk.Tests.Accounts;

/// <summary>
/// A liaison of one agency asks the running app for another agency's ticket by its number: the page
/// says it does not exist and shows nothing of it, while the owning agency's liaison sees it.
/// </summary>
[Collection(SecureAppCollection.Name)]
public sealed class CrossAgencyTicketTests(SecureAppFixture fixture)
{
    [Fact]
    public async Task TicketPage_OtherAgencysLiaisonGuessesNumber_SeesNothingOfIt()
    {
        var reference = ReferenceData.Load(Path.Combine(TestPaths.RepoRoot, "seeds"));
        var snapshot = ReferenceSnapshot.Fixed(reference);
        var commands = new TicketCommands(fixture.Data, new JourneyRouter(snapshot),
            new TicketFormValidator(snapshot, TimeProvider.System), TimeProvider.System);
        var agent = new TicketActor("agent.demo", "وكيل", Roles.Agent, "MOF");
        var supervisor = new TicketActor("supervisor.demo", "مشرف", Roles.Supervisor, "MOF");
        var opened = Assert.IsType<TicketResult.Ok>(await commands.OpenAsync(new OpenTicket("payment-not-reflected", "1045678909", "0500000000",
            new Dictionary<string, string>
            {
                ["beneficiary_id"] = "1045678909", ["service"] = "تجديد جواز", ["amount"] = "300",
                ["payment_date"] = "2026-10-01", ["sadad_bill_number"] = "778899001",
            }), agent)).Ticket;
        var atNic = Assert.IsType<TicketResult.Ok>(await commands.AdvanceAsync(opened.Id, opened.Version, supervisor)).Ticket;
        Assert.Equal("NIC", atNic.OwningAgency);

        var owner = DemoAccounts.For(Roles.Liaison, "NIC");
        var other = DemoAccounts.For(Roles.Liaison, "MOFA");
        using var nic = await HttpSignIn.SignedInClientAsync(fixture.App.BaseUrl, owner.UserName, owner.Password);
        using var mofa = await HttpSignIn.SignedInClientAsync(fixture.App.BaseUrl, other.UserName, other.Password);

        var seen = await nic.GetStringAsync($"/tickets/{atNic.Number}");
        var hidden = await mofa.GetStringAsync($"/tickets/{atNic.Number}");

        Assert.Contains("ticket-status", seen);
        Assert.Contains("778899001", seen);
        Assert.DoesNotContain("778899001", hidden);
        Assert.DoesNotContain("تجديد جواز", hidden);
        Assert.DoesNotContain("ticket-status", hidden);
    }
}
