using CareDesk.Features.Accounts;
using CareDesk.Features.Audit;
using CareDesk.Testing;
using CareDesk.Tests.Data;
using Microsoft.Extensions.DependencyInjection;
using static CareDesk.Tests.Accounts.AccountsTestServices;

namespace CareDesk.Tests.Accounts;

[Collection(PostgresCollection.Name)]
public sealed class PersonalDataTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("1023456789", "1••••••789")]
    [InlineData("2987654321", "2••••••321")]
    [InlineData("12345", "•••••")]
    public void MaskNationalId_Value_KeepsFirstAndLastThree(string value, string expected) =>
        Assert.Equal(expected, PersonalData.MaskNationalId(value));

    [Theory]
    [InlineData("SA0380000000608010167519", "SA••••••••••••••••••7519")]
    [InlineData("SA03 8000 0000 6080 1016 7519", "SA••••••••••••••••••7519")]
    public void MaskIban_Value_KeepsCountryCodeAndLastFour(string value, string expected) =>
        Assert.Equal(expected, PersonalData.MaskIban(value));

    [Theory]
    [InlineData("0551234567", "••••••4567")]
    [InlineData("+966551234567", "•••••••••4567")]
    [InlineData("920012", "•••012")]
    public void MaskPhone_Value_KeepsLastDigits(string value, string expected) =>
        Assert.Equal(expected, PersonalData.MaskPhone(value));

    [Fact]
    public void Redact_TextWithIdsAndIban_MasksEachLeavesOtherNumbers()
    {
        var text = "caller 1023456789 (iqama 2987654321) paid SA03 8000 0000 6080 1016 7519 on 19990, ref 12345678901";

        var redacted = PersonalData.Redact(text);

        Assert.Equal("caller 1••••••789 (iqama 2••••••321) paid SA••••••••••••••••••7519 on 19990, ref 12345678901", redacted);
    }

    [Theory]
    [InlineData(Roles.Agent, true)]
    [InlineData(Roles.Liaison, true)]
    [InlineData(Roles.Supervisor, true)]
    [InlineData(Roles.Editor, false)]
    [InlineData(Roles.Reviewer, false)]
    [InlineData(Roles.Admin, false)]
    public async Task RevealAsync_Role_FullValueOnlyWithPolicyAndAlwaysAudited(string role, bool full)
    {
        await using var data = await postgres.CreateMigratedDatabaseAsync("reveal");
        await using var sp = Create(data);
        await using var scope = sp.CreateAsyncScope();
        var reveal = scope.ServiceProvider.GetRequiredService<PersonalDataReveal>();
        var user = Principal("user." + role.ToLowerInvariant(), role, role == Roles.Liaison ? "NIC" : null);

        var shown = await reveal.RevealAsync(user, PersonalDataKind.NationalId, "1023456789", "T-2026-0042");

        Assert.Equal(full ? "1023456789" : "1••••••789", shown);
        var row = Assert.Single(await new AuditLog(data).QueryAsync(new AuditQuery()));
        Assert.Equal((user.Identity!.Name, full ? AuditActions.Reveal : AuditActions.RevealDenied, "NationalId:1••••••789", "T-2026-0042"),
            (row.Actor, row.Action, row.Subject, row.Ticket));
    }

    [Fact]
    public async Task RevealAsync_LiaisonWithoutAgency_Refused()
    {
        await using var data = await postgres.CreateMigratedDatabaseAsync("reveal");
        await using var sp = Create(data);
        await using var scope = sp.CreateAsyncScope();

        var shown = await scope.ServiceProvider.GetRequiredService<PersonalDataReveal>()
            .RevealAsync(Principal("l", Roles.Liaison), PersonalDataKind.Phone, "0551234567", "T-1");

        Assert.Equal("••••••4567", shown);
    }
}
