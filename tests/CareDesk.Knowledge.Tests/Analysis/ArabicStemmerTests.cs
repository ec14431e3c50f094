using CareDesk.Knowledge.Analysis;

namespace CareDesk.Knowledge.Tests.Analysis;

public class ArabicStemmerTests
{
    [Theory]
    [InlineData("الحسن", "حسن")]
    [InlineData("والحسن", "حسن")]
    [InlineData("بالحسن", "حسن")]
    [InlineData("كالحسن", "حسن")]
    [InlineData("فالحسن", "حسن")]
    [InlineData("للاخر", "اخر")]
    [InlineData("وحسن", "حسن")]
    [InlineData("وبالحسن", "حسن")]
    [InlineData("وللاخر", "اخر")]
    [InlineData("فبالحسن", "حسن")]
    [InlineData("ساهدات", "ساهد")]
    [InlineData("ساهدان", "ساهد")]
    [InlineData("ساهدون", "ساهد")]
    [InlineData("ساهدين", "ساهد")]
    [InlineData("ساهديه", "ساهد")]
    [InlineData("ساهده", "ساهد")]
    [InlineData("ساهدي", "ساهد")]
    [InlineData("بطاقه", "بطاق")]
    [InlineData("بطاقتي", "بطاق")]
    [InlineData("بطاقتهم", "بطاق")]
    [InlineData("بطاقات", "بطاق")]
    public void Stem_Affixes_Removed(string input, string expected) =>
        Assert.Equal(expected, ArabicStemmer.Stem(input));

    [Theory]
    [InlineData("ال")]
    [InlineData("وحد")]
    [InlineData("ورق")]
    [InlineData("بيت")]
    [InlineData("بنك")]
    [InlineData("absher")]
    [InlineData("19990")]
    public void Stem_TooShortOrNotArabic_Unchanged(string input) =>
        Assert.Equal(input, ArabicStemmer.Stem(input));

    [Fact]
    public void Stem_NeverLeavesFewerThanTwoLetters()
    {
        Assert.Equal("ون", ArabicStemmer.Stem("ون"));
        Assert.True(ArabicStemmer.Stem("الها").Length >= 2);
        Assert.True(ArabicStemmer.Stem("وبالي").Length >= 2);
    }
}
