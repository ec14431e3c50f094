using System.Text.Json.Nodes;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Validation;

namespace CareDesk.Knowledge.Tests;

/// <summary>The directory rules of the seed files (also what the admin pages' edits must pass).</summary>
public sealed class DirectoryRulesTests : IDisposable
{
    private readonly SeedFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private IReadOnlyList<ContentProblem> Problems(string code) =>
        ContentValidator.Validate(_fixture.Content, _fixture.Seeds).Problems.Where(p => p.Code == code).ToList();

    [Theory]
    [InlineData("+966 11 000 0101", true)]
    [InlineData("0112345678", true)]
    [InlineData("966-11-000-0101", true)]
    [InlineData("12345678", false)]
    [InlineData("+966 11 000 0101 2222", false)]
    [InlineData("+966  11 000 0101", false)]
    [InlineData("11 000 0101 ext 5", false)]
    [InlineData("+", false)]
    [InlineData("", false)]
    public void IsPhone_Examples(string value, bool expected) => Assert.Equal(expected, DirectoryRules.IsPhone(value));

    [Theory]
    [InlineData("mof.liaison1@example.gov.sa", true)]
    [InlineData("a@b.sa", true)]
    [InlineData("no-at-sign.gov.sa", false)]
    [InlineData("two@@mof.gov.sa", false)]
    [InlineData("space in@mof.gov.sa", false)]
    [InlineData("nodot@localhost", false)]
    [InlineData("trailing@mof.", false)]
    public void IsEmail_Examples(string value, bool expected) => Assert.Equal(expected, DirectoryRules.IsEmail(value));

    [Theory]
    [InlineData("liaison.nic.demo", true)]
    [InlineData("a", true)]
    [InlineData("has space", false)]
    [InlineData("عربي", false)]
    [InlineData("", false)]
    public void IsUsername_Examples(string value, bool expected) => Assert.Equal(expected, DirectoryRules.IsUsername(value));

    [Fact]
    public void Validate_LiaisonPhoneNotANumber_ReportsItsLine()
    {
        _fixture.Edit("liaisons.json", n => n["liaisons"]![1]!["phone"] = "ask reception");

        var problem = Assert.Single(Problems("liaison-phone"));

        Assert.Contains("MOF/backup", problem.MessageEn);
        Assert.Contains("MOF/backup", problem.MessageAr);
        var lines = File.ReadAllLines(Path.Combine(_fixture.Seeds, "liaisons.json"));
        Assert.Contains("ask reception", lines[problem.Line - 1]);
    }

    [Fact]
    public void Validate_LiaisonEmailAndBlankName_BothReported()
    {
        _fixture.Edit("liaisons.json", n =>
        {
            n["liaisons"]![2]!["email"] = "passports at gov";
            n["liaisons"]![3]!["name_en"] = "  ";
        });

        Assert.Contains("PASSPORTS/primary", Assert.Single(Problems("liaison-email")).MessageEn);
        Assert.Contains("PASSPORTS/backup", Assert.Single(Problems("liaison-name")).MessageEn);
    }

    [Fact]
    public void Validate_LiaisonUsernameMalformed_Reported()
    {
        _fixture.Edit("liaisons.json", n => n["liaisons"]![0]!["username"] = "sara otaibi");

        Assert.Single(Problems("liaison-username"));
    }

    [Fact]
    public void Validate_AgencyNameBlank_Reported()
    {
        _fixture.Edit("agencies.json", n => n["agencies"]![4]!["name_ar"] = "");

        Assert.Contains("'BANK'", Assert.Single(Problems("agency-name")).MessageEn);
    }

    [Fact]
    public void Validate_ExtraHolidaysRepeatedOrUnnamed_Reported()
    {
        _fixture.Edit("holidays.json", n => n["extra_dates"] = new JsonArray(
            new JsonObject { ["date"] = "2026-12-01", ["name_ar"] = "إجازة", ["name_en"] = "Day off" },
            new JsonObject { ["date"] = "2026-12-01", ["name_ar"] = "إجازة", ["name_en"] = "Again" },
            new JsonObject { ["date"] = "2026-12-02", ["name_ar"] = "إجازة", ["name_en"] = "" }));

        Assert.Contains("2026-12-01", Assert.Single(Problems("duplicate-code")).MessageEn);
        Assert.Contains("2026-12-02", Assert.Single(Problems("holiday-name")).MessageEn);
    }

    [Theory]
    [InlineData("sla_working_days", 251)]
    [InlineData("sla_hours", 8761)]
    public void Validate_StageSlaBeyondAYear_Reported(string kind, int value)
    {
        _fixture.Edit("case-types.json", n =>
        {
            var stage = n["case_types"]![0]!["journey"]![0]!.AsObject();
            stage.Remove("sla_working_days");
            stage[kind] = value;
        });

        Assert.Contains("balance-inquiry/contact-center", Assert.Single(Problems("sla-too-long")).MessageEn);
    }
}
