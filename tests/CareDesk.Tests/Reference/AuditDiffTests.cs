using CareDesk.Features.Reference;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Tests.Reference;

public sealed class AuditDiffTests
{
    private static readonly Liaison Sara = new()
    {
        Agency = "MOF", Rank = LiaisonRank.Primary, NameAr = "سارة", NameEn = "Sara", Phone = "+966 11 000 0101", Email = "sara@mof.gov.sa",
    };

    [Fact]
    public void Describe_TwoFieldsChanged_NamesEachWithBeforeAndAfterInReadableArabic()
    {
        var text = AuditDiff.Describe(new { primary = Sara }, new { primary = Sara with { NameAr = "منى", Phone = "+966 11 000 0199" } });

        Assert.Equal("primary.name_ar: \"سارة\" → \"منى\"; primary.phone: \"+966 11 000 0101\" → \"+966 11 000 0199\"", text);
    }

    [Fact]
    public void Describe_AddedAndRemoved_ShowsTheWholeValueAgainstADash()
    {
        var day = new ExtraHoliday { Date = new DateOnly(2026, 12, 1), NameAr = "إجازة", NameEn = "Day off" };

        Assert.StartsWith("value: — → {\"date\":\"2026-12-01\"", AuditDiff.Describe(null, day));
        Assert.EndsWith("→ —", AuditDiff.Describe(day, null));
        Assert.Equal("(no change)", AuditDiff.Describe(day, day));
    }
}
