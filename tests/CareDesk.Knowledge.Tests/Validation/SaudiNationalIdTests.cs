using CareDesk.Knowledge.Validation;

namespace CareDesk.Knowledge.Tests.Validation;

public sealed class SaudiNationalIdTests
{
    [Theory]
    [InlineData("1000000008")]
    [InlineData("1045678909")]
    [InlineData("2000000006")]
    [InlineData("2345678912")]
    [InlineData(" 1045678909 ")]
    [InlineData("١٠٤٥٦٧٨٩٠٩")]
    public void Check_ValidNumbers_None(string id) => Assert.Equal(SaudiNationalId.Problem.None, SaudiNationalId.Check(id));

    [Theory]
    [InlineData(null, SaudiNationalId.Problem.Empty)]
    [InlineData("  ", SaudiNationalId.Problem.Empty)]
    [InlineData("104567890", SaudiNationalId.Problem.NotTenDigits)]
    [InlineData("10456789090", SaudiNationalId.Problem.NotTenDigits)]
    [InlineData("10456789a9", SaudiNationalId.Problem.NotTenDigits)]
    [InlineData("3045678909", SaudiNationalId.Problem.BadPrefix)]
    [InlineData("0045678909", SaudiNationalId.Problem.BadPrefix)]
    [InlineData("1045678900", SaudiNationalId.Problem.BadCheckDigit)]
    [InlineData("2345678913", SaudiNationalId.Problem.BadCheckDigit)]
    public void Check_InvalidNumbers_NamesTheProblem(string? id, SaudiNationalId.Problem expected) =>
        Assert.Equal(expected, SaudiNationalId.Check(id));

    [Fact]
    public void IsValid_EveryWrongCheckDigit_IsRejected()
    {
        for (var d = 0; d <= 9; d++)
            Assert.Equal(d == 9, SaudiNationalId.IsValid("104567890" + d));
    }

    [Fact]
    public void Normalize_ArabicIndicAndPersianDigits_BecomeAscii() =>
        Assert.Equal("1234567890", SaudiNationalId.Normalize("۱۲۳٤٥٦٧٨٩٠"));
}
