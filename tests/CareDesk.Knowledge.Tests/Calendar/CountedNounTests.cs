using CareDesk.Knowledge.Calendar;

namespace CareDesk.Knowledge.Tests;

public sealed class CountedNounTests
{
    [Theory]
    [InlineData(0, "0 يوم")]
    [InlineData(1, "يوم واحد")]
    [InlineData(2, "يومان")]
    [InlineData(3, "3 أيام")]
    [InlineData(10, "10 أيام")]
    [InlineData(11, "11 يوماً")]
    [InlineData(15, "15 يوماً")]
    [InlineData(99, "99 يوماً")]
    [InlineData(100, "100 يوم")]
    [InlineData(102, "102 يوم")]
    [InlineData(103, "103 أيام")]
    [InlineData(111, "111 يوماً")]
    public void Arabic_Day_AgreesWithTheNumber(long count, string expected) =>
        Assert.Equal(expected, CountedNoun.Day.Arabic(count));

    [Theory]
    [InlineData(1, "ساعة واحدة")]
    [InlineData(2, "ساعتان")]
    [InlineData(3, "3 ساعات")]
    [InlineData(23, "23 ساعة")]
    public void Arabic_FeminineNoun_HasNoAccusativeAlif(long count, string expected) =>
        Assert.Equal(expected, CountedNoun.Hour.Arabic(count));

    [Theory]
    [InlineData(1, "يوم عمل واحد")]
    [InlineData(2, "يوما عمل")]
    [InlineData(3, "3 أيام عمل")]
    [InlineData(15, "15 يوم عمل")]
    public void Arabic_WorkingDay_KeepsTheConstruct(long count, string expected) =>
        Assert.Equal(expected, CountedNoun.WorkingDay.Arabic(count));

    [Theory]
    [InlineData(1, "1 result")]
    [InlineData(0, "0 results")]
    [InlineData(7, "7 results")]
    public void English_PluralExceptForOne(long count, string expected) =>
        Assert.Equal(expected, CountedNoun.Result.English(count));

    [Fact]
    public void Format_PicksTheLanguage()
    {
        Assert.Equal("3 دقائق", CountedNoun.Minute.Format(3, arabic: true));
        Assert.Equal("3 minutes", CountedNoun.Minute.Format(3, arabic: false));
    }
}
