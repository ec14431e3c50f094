using CareDesk.Knowledge.Callers;

namespace CareDesk.Knowledge.Tests.Callers;

public class NationalIdTests
{
    // Check digits worked by hand: 1 0 0 0 0 0 0 0 0 ? → doubled odd positions 2 → sum 2 → check 8.
    [Theory]
    [InlineData("1000000008", IdHolder.Citizen)]
    [InlineData("2000000006", IdHolder.Resident)]
    [InlineData("١٠٠٠٠٠٠٠٠٨", IdHolder.Citizen)]
    [InlineData(" 1000-000-008 ", IdHolder.Citizen)]
    public void TryParse_Valid_ReturnsDigitsAndHolder(string input, IdHolder holder)
    {
        Assert.True(NationalId.TryParse(input, out var id, out var problem));
        Assert.Null(problem);
        Assert.Equal(holder, id.Holder);
        Assert.Equal(10, id.Value.Length);
        Assert.All(id.Value, c => Assert.InRange(c, '0', '9'));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("12345", "length")]
    [InlineData("10000000080", "length")]
    [InlineData("100000000a", "not-digits")]
    [InlineData("<script>", "not-digits")]
    [InlineData("3000000004", "first-digit")]
    [InlineData("1000000009", "check-digit")]
    public void TryParse_Invalid_SaysWhatIsWrong(string input, string code)
    {
        Assert.False(NationalId.TryParse(input, out _, out var problem));
        Assert.Equal(code, problem!.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageAr));
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageEn));
    }

    [Fact]
    public void TryParse_EveryCheckDigit_ExactlyOneIsValid()
    {
        var valid = Enumerable.Range(0, 10).Count(d => NationalId.TryParse("104567890" + d, out _, out _));

        Assert.Equal(1, valid);
    }

    [Fact]
    public void Masked_KeepsFirstAndLastThree()
    {
        Assert.True(NationalId.TryParse("1000000008", out var id, out _));

        Assert.Equal("1••••••008", id.Masked);
        Assert.Equal("1••••••008", id.ToString());
    }
}
