using System.Globalization;
using CareDesk.Knowledge.Calendar;

namespace CareDesk.Knowledge.Tests;

public class SaudiDateFormatterTests
{
    [Fact]
    public void FormatAr_2December2026_ShowsBothCalendars()
    {
        // UmAlQuraCalendar puts 2 December 2026 on 22 Jumada al-Akhirah 1448.
        var umAlQura = new UmAlQuraCalendar();
        var date = new DateTime(2026, 12, 2);
        Assert.Equal((1448, 6, 22), (umAlQura.GetYear(date), umAlQura.GetMonth(date), umAlQura.GetDayOfMonth(date)));

        Assert.Equal("الأربعاء 2 ديسمبر 2026م — 22 جمادى الآخرة 1448هـ", SaudiDateFormatter.FormatAr(new DateOnly(2026, 12, 2)));
    }

    [Fact]
    public void FormatEn_2December2026_ShowsBothCalendars()
    {
        Assert.Equal("Wednesday 2 December 2026 — 22 Jumada al-Akhirah 1448 AH", SaudiDateFormatter.FormatEn(new DateOnly(2026, 12, 2)));
    }

    [Fact]
    public void FormatAr_EidAlFitr1447_IsFirstShawwal()
    {
        Assert.Equal("الجمعة 20 مارس 2026م — 1 شوال 1447هـ", SaudiDateFormatter.FormatAr(new DateOnly(2026, 3, 20)));
    }

    [Fact]
    public void FormatEn_UtcMoment_UsesRiyadhDateAndTime()
    {
        var moment = new DateTimeOffset(2026, 3, 19, 22, 15, 0, TimeSpan.Zero);

        Assert.Equal("Friday 20 March 2026 — 1 Shawwal 1447 AH, 01:15", SaudiDateFormatter.FormatEn(moment));
        Assert.EndsWith("1447هـ، 01:15", SaudiDateFormatter.FormatAr(moment));
    }

    [Theory]
    [InlineData(true, "2026-12-02 · 1448/06/22هـ")]
    [InlineData(false, "2026-12-02 · 22/06/1448 AH")]
    public void FormatShort_2December2026_BothCalendarsInFigures(bool arabic, string expected)
    {
        Assert.Equal(expected, SaudiDateFormatter.FormatShort(new DateOnly(2026, 12, 2), arabic));
    }

    [Fact]
    public void FormatShort_UtcMomentLateEvening_IsTheNextRiyadhDay()
    {
        // 22:15 UTC on 19 March is 01:15 on 20 March in Riyadh, which is 1 Shawwal 1447.
        var moment = new DateTimeOffset(2026, 3, 19, 22, 15, 0, TimeSpan.Zero);

        Assert.Equal("2026-03-20 · 1447/10/01هـ 01:15", SaudiDateFormatter.FormatShort(moment, arabic: true));
        Assert.Equal("2026-03-20 · 01/10/1447 AH 01:15", SaudiDateFormatter.FormatShort(moment, arabic: false));
    }
}
