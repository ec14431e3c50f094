using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Tests;

public sealed class HolidayPeriodsTests
{
    private static readonly HolidaysFile Rules = ReferenceData.Load(RepoPaths.Seeds).Holidays;

    [Fact]
    public void RulesInHijriYear_1447_EveryRuleOnceInDateOrder()
    {
        var periods = HolidayExpander.RulesInHijriYear(Rules, 1447);

        Assert.Equal(
            [("national-day", new DateOnly(2025, 9, 23), 1), ("founding-day", new DateOnly(2026, 2, 22), 1),
             ("eid-al-fitr", new DateOnly(2026, 3, 20), 4), ("eid-al-adha", new DateOnly(2026, 5, 26), 4)],
            periods.Select(p => (p.Code, p.Start, p.LengthDays)));
        Assert.Equal(new DateOnly(2026, 3, 23), periods[2].End);
    }

    [Fact]
    public void RulesInHijriYear_GregorianDateInTheElevenDaysAHijriYearSkips_NotListed()
    {
        // 1448 runs from 16 June 2026 to 5 June 2027: 10 June falls in neither 2026's nor 2027's part of it.
        var rule = new GregorianHolidayRule { Code = "x", NameAr = "س", NameEn = "x", Month = 6, Day = 10 };
        var rules = new HolidaysFile { GregorianFixed = [rule], Hijri = [] };

        Assert.Empty(HolidayExpander.RulesInHijriYear(rules, 1448));
        Assert.Equal(new DateOnly(2025, 6, 10), Assert.Single(HolidayExpander.RulesInHijriYear(rules, 1446)).Start);
    }

    [Fact]
    public void FromHijri_OneMuharram1448_Is16June2026()
    {
        Assert.Equal(new DateOnly(2026, 6, 16), HolidayExpander.FromHijri(1448, 1, 1));
        Assert.Equal((1448, 1, 1), HolidayExpander.ToHijri(new DateOnly(2026, 6, 16)));
    }
}
