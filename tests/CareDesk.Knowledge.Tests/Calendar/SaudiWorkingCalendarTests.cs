using System.Globalization;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Tests;

public class SaudiWorkingCalendarTests
{
    private static readonly SaudiWorkingCalendar Calendar = SaudiWorkingCalendar.FromReferenceData(ReferenceData.Load(RepoPaths.Seeds));

    private static DateTimeOffset Riyadh(int y, int m, int d, int h = 10, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(3));

    [Fact]
    public void UmAlQura_EidAlFitr1447_Is20March2026()
    {
        Assert.Equal(new DateTime(2026, 3, 20), new UmAlQuraCalendar().ToDateTime(1447, 10, 1, 0, 0, 0, 0));
        Assert.Equal("eid-al-fitr", Calendar.HolidayOn(new DateOnly(2026, 3, 20))?.Code);
    }

    [Theory]
    [InlineData("2026-03-20")]
    [InlineData("2026-03-23")]
    [InlineData("2026-05-26")]
    [InlineData("2026-05-28")]
    [InlineData("2026-02-22")]
    [InlineData("2026-09-23")]
    [InlineData("2026-11-27")]
    [InlineData("2026-11-28")]
    public void IsWorkingDay_WeekendOrHoliday_False(string date)
    {
        Assert.False(Calendar.IsWorkingDay(DateOnly.Parse(date, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-03-19")]
    [InlineData("2026-03-24")]
    [InlineData("2026-05-25")]
    [InlineData("2026-11-22")]
    [InlineData("2026-11-26")]
    public void IsWorkingDay_OrdinaryWeekday_True(string date)
    {
        Assert.True(Calendar.IsWorkingDay(DateOnly.Parse(date, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Holidays_2026_ListsEidPeriodsAndFixedDays()
    {
        var days = Calendar.Holidays(2026).Select(h => h.Date.ToString("MM-dd", CultureInfo.InvariantCulture));

        Assert.Equal(["02-22", "03-20", "03-21", "03-22", "03-23", "05-26", "05-27", "05-28", "05-29", "09-23"], days);
    }

    [Fact]
    public void IsWorkingDay_UtcEveningIsNextRiyadhDay_UsesRiyadhDate()
    {
        // 21:30 UTC on Thursday is 00:30 on Friday in Riyadh.
        Assert.False(Calendar.IsWorkingDay(new DateTimeOffset(2026, 11, 26, 21, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AddWorkingDays_ThursdayPlusOne_IsSundaySameTime()
    {
        Assert.Equal(Riyadh(2026, 11, 29), Calendar.AddWorkingDays(Riyadh(2026, 11, 26), 1));
    }

    [Fact]
    public void AddWorkingDays_AcrossEidAlFitr_SkipsTheHoliday()
    {
        Assert.Equal(Riyadh(2026, 3, 24), Calendar.AddWorkingDays(Riyadh(2026, 3, 19), 1));
        Assert.Equal(Riyadh(2026, 3, 26), Calendar.AddWorkingDays(Riyadh(2026, 3, 19), 3));
    }

    [Fact]
    public void AddWorkingDays_StartOnFriday_CountsFromSundayMorning()
    {
        Assert.Equal(Riyadh(2026, 11, 30, 0), Calendar.AddWorkingDays(Riyadh(2026, 11, 27), 1));
    }

    [Fact]
    public void AddWorkingDays_UtcStart_ReturnsRiyadhOffset()
    {
        var due = Calendar.AddWorkingDays(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero), 3);

        Assert.Equal(Riyadh(2026, 11, 29), due);
        Assert.Equal(TimeSpan.FromHours(3), due.Offset);
    }

    [Fact]
    public void AddWorkingDays_Zero_ReturnsStartInRiyadh()
    {
        Assert.Equal(Riyadh(2026, 11, 24), Calendar.AddWorkingDays(Riyadh(2026, 11, 24), 0));
    }

    [Fact]
    public void AddWorkingHours_PastEndOfThursday_ContinuesOnSunday()
    {
        Assert.Equal(Riyadh(2026, 11, 29, 2), Calendar.AddWorkingHours(Riyadh(2026, 11, 26, 20), 6));
    }

    [Fact]
    public void AddWorkingHours_WithinDay_AddsPlainly()
    {
        Assert.Equal(Riyadh(2026, 11, 24, 14, 30), Calendar.AddWorkingHours(Riyadh(2026, 11, 24), 4.5));
    }

    [Fact]
    public void WorkingDaysBetween_OneWeek_IsFive()
    {
        Assert.Equal(5, Calendar.WorkingDaysBetween(new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 29)));
        Assert.Equal(-5, Calendar.WorkingDaysBetween(new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 22)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 22)));
    }

    [Fact]
    public void WorkingDaysBetween_AfterAddWorkingDays_IsTheSameCount()
    {
        for (var start = Riyadh(2026, 3, 1); start < Riyadh(2026, 7, 1); start = start.AddDays(1))
        {
            if (!Calendar.IsWorkingDay(start))
                continue;
            foreach (var n in new[] { 1, 3, 15 })
                Assert.Equal(n, Calendar.WorkingDaysBetween(start, Calendar.AddWorkingDays(start, n)));
        }
    }

    [Fact]
    public void Holidays_HijriPeriodAcrossNewYear_SplitsBetweenYears()
    {
        var start = new DateOnly(2026, 12, 30);
        var (_, month, day) = HolidayExpander.ToHijri(start);
        var rules = new HolidaysFile
        {
            GregorianFixed = [],
            Hijri = [new HijriHolidayRule { Code = "test", NameAr = "تجربة", NameEn = "Test", Month = month, Day = day, LengthDays = 4 }],
        };
        var calendar = new SaudiWorkingCalendar(rules);

        Assert.Contains(calendar.Holidays(2026), h => h.Date == new DateOnly(2026, 12, 31));
        Assert.Contains(calendar.Holidays(2027), h => h.Date == new DateOnly(2027, 1, 2));
    }

    [Fact]
    public void Holidays_ExtraDate_IsNotAWorkingDay()
    {
        var rules = new HolidaysFile
        {
            GregorianFixed = [],
            Hijri = [],
            ExtraDates = [new ExtraHoliday { Date = new DateOnly(2026, 11, 24), NameAr = "إجازة", NameEn = "Day off" }],
        };

        Assert.False(new SaudiWorkingCalendar(rules).IsWorkingDay(new DateOnly(2026, 11, 24)));
    }

    [Fact]
    public void DueAt_StageWithWorkingDays_UsesCalendar()
    {
        var stage = new JourneyStage { Code = "s", NameAr = "م", NameEn = "S", Owner = "MOF", SlaWorkingDays = 3 };

        Assert.Equal(Riyadh(2026, 3, 26), stage.DueAt(Riyadh(2026, 3, 19), Calendar));
    }

    [Fact]
    public void DueAt_StageWithHours_AddsClockHours()
    {
        var stage = new JourneyStage { Code = "s", NameAr = "م", NameEn = "S", Owner = "MOFA", SlaHours = 360 };

        Assert.Equal(Riyadh(2026, 12, 2), stage.DueAt(Riyadh(2026, 11, 17), Calendar));
    }

    [Fact]
    public void IsWorkingDay_OutsideUmAlQuraRange_UsesGregorianRulesOnly()
    {
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2090, 9, 23)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2090, 9, 25)));
    }
}
