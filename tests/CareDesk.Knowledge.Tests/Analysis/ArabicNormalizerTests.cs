using CareDesk.Knowledge.Analysis;

namespace CareDesk.Knowledge.Tests.Analysis;

public class ArabicNormalizerTests
{
    [Theory]
    [InlineData("آجن", "اجن")]
    [InlineData("أحمد", "احمد")]
    [InlineData("إسلام", "اسلام")]
    [InlineData("ٱلله", "الله")]
    [InlineData("ليلى", "ليلي")]
    [InlineData("فاطمة", "فاطمه")]
    [InlineData("مسؤول", "مسوول")]
    [InlineData("مسائل", "مسايل")]
    [InlineData("فارسی", "فارسي")]
    [InlineData("کتاب", "كتاب")]
    [InlineData("هـــذا", "هذا")]
    [InlineData("مُحَمَّدٌ", "محمد")]
    [InlineData("هٰذا", "هذا")]
    [InlineData("IBAN", "iban")]
    [InlineData("١٩٩٩٠", "19990")]
    [InlineData("۱۲۳", "123")]
    public void Normalize_Variant_FoldsToOneForm(string input, string expected) =>
        Assert.Equal(expected, ArabicNormalizer.Normalize(input));

    [Fact]
    public void Normalize_PresentationFormsAndLamAlefLigature_FoldsThroughNfkc()
    {
        // ﻻ is the isolated lam-alef ligature; ﺑﻨﻚ is بنك in presentation forms.
        Assert.Equal("لا", ArabicNormalizer.Normalize("\uFEFB"));
        Assert.Equal("بنك", ArabicNormalizer.Normalize("\uFE91\uFEE8\uFEDA"));
    }

    [Fact]
    public void Normalize_AlreadyNormal_ReturnsSameInstance()
    {
        var s = "استرداد";
        Assert.Same(s, ArabicNormalizer.Normalize(s));
    }
}
