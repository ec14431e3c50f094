using CareDesk.Features.Tickets;

namespace CareDesk.Tests.Tickets;

public sealed class TicketFormValidatorTests
{
    private static readonly TicketFormValidator Validator = new(CareDesk.Features.Reference.ReferenceSnapshot.Fixed(TicketHarness.Reference), new ManualTime(TicketHarness.PlainSunday));

    private static IReadOnlyDictionary<string, string> Errors(string caseType, Action<Dictionary<string, string>> change, string callerId = TicketHarness.CallerId)
    {
        var details = TicketHarness.RequiredDetails(caseType);
        change(details);
        return Validator.Validate(TicketHarness.Form(caseType, details) with { CallerNationalId = callerId });
    }

    [Fact]
    public void Validate_EveryCaseTypeWithItsRequiredFields_HasNoErrors()
    {
        foreach (var type in TicketHarness.Reference.CaseTypes.CaseTypes)
            Assert.Empty(Validator.Validate(TicketHarness.Form(type.Code)));
    }

    [Theory]
    [InlineData("", "tickets.error.required")]
    [InlineData("12345", "tickets.error.id-length")]
    [InlineData("3000000004", "tickets.error.id-prefix")]
    [InlineData("1045678900", "tickets.error.id-check")]
    public void Validate_BadCallerId_NamesTheProblem(string id, string expected) =>
        Assert.Equal(expected, Errors("balance-inquiry", _ => { }, id)["caller_national_id"]);

    [Theory]
    [InlineData("amount", "-5", "tickets.error.amount")]
    [InlineData("amount", "10.123", "tickets.error.amount")]
    [InlineData("amount", "abc", "tickets.error.amount")]
    [InlineData("payment_date", "2026-13-01", "tickets.error.date")]
    [InlineData("payment_date", "2027-01-01", "tickets.error.future")]
    [InlineData("sadad_bill_number", "12a4", "tickets.error.digits")]
    [InlineData("service", "", "tickets.error.required")]
    public void Validate_BadField_NamesTheField(string field, string value, string expected) =>
        Assert.Equal(expected, Errors("payment-not-reflected", d => d[field] = value)[field]);

    [Fact]
    public void Validate_FieldOfAnotherCaseType_IsRejected() =>
        Assert.Equal("tickets.error.unknown-field", Errors("general-inquiry", d => d["iban"] = "SA0380000000608010167519")["iban"]);

    [Theory]
    [InlineData("SA0380000000608010167519", true)]
    [InlineData("SA03 8000 0000 6080 1016 7519", true)]
    [InlineData("SA0380000000608010167518", false)]
    [InlineData("GB82WEST12345698765432", false)]
    public void IsSaudiIban_Examples(string iban, bool expected) =>
        Assert.Equal(expected, TicketFormValidator.IsSaudiIban(iban));

    [Fact]
    public void Validate_UnknownCaseType_IsRejected() =>
        Assert.Equal("tickets.error.case-type", Validator.Validate(TicketHarness.Form("balance-inquiry") with { CaseType = "nope" })["case_type"]);
}
