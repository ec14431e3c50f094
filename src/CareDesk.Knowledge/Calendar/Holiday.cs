using System.Globalization;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Calendar;

/// <summary>One day off.</summary>
/// <param name="Date">The Gregorian date.</param>
/// <param name="Code">The rule's code (e.g. <c>eid-al-fitr</c>), or <c>extra</c>.</param>
/// <param name="NameAr">Arabic name.</param>
/// <param name="NameEn">English name.</param>
public sealed record Holiday(DateOnly Date, string Code, string NameAr, string NameEn);

/// <summary>One period of a holiday rule in a given year: from <paramref name="Start"/>, <paramref name="LengthDays"/> days.</summary>
/// <param name="Code">The rule's code.</param>
/// <param name="NameAr">Arabic name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Start">The first day off.</param>
/// <param name="LengthDays">Days off in a row.</param>
public sealed record HolidayPeriod(string Code, string NameAr, string NameEn, DateOnly Start, int LengthDays)
{
    /// <summary>The last day off.</summary>
    public DateOnly End => Start.AddDays(LengthDays - 1);
}

/// <summary>Expands the rules of <c>seeds/holidays.json</c> into dates.</summary>
public static class HolidayExpander
{
    private static readonly UmAlQuraCalendar UmAlQura = new();

    /// <summary>
    /// Every holiday day falling in the Gregorian year <paramref name="year"/>, ordered by date.
    /// Hijri periods are converted with <see cref="UmAlQuraCalendar"/>; a period that starts in the
    /// previous Gregorian year and runs into this one is included.
    /// </summary>
    public static IReadOnlyList<Holiday> InYear(HolidaysFile rules, int year)
    {
        var days = new List<Holiday>();
        foreach (var rule in rules.GregorianFixed)
        {
            for (var y = year - 1; y <= year; y++)
            {
                var start = new DateOnly(y, rule.Month, rule.Day);
                for (var i = 0; i < rule.LengthDays; i++)
                    days.Add(new Holiday(start.AddDays(i), rule.Code, rule.NameAr, rule.NameEn));
            }
        }
        // UmAlQuraCalendar covers 1900-04-30 to 2077-11-16; outside it only Gregorian rules apply.
        foreach (var rule in year is > 1900 and < 2077 ? rules.Hijri : [])
        {
            foreach (var hijriYear in HijriYearsOverlapping(year))
            {
                var start = DateOnly.FromDateTime(UmAlQura.ToDateTime(hijriYear, rule.Month, rule.Day, 0, 0, 0, 0));
                for (var i = 0; i < rule.LengthDays; i++)
                    days.Add(new Holiday(start.AddDays(i), rule.Code, rule.NameAr, rule.NameEn));
            }
        }
        days.AddRange(rules.ExtraDates.Select(e => new Holiday(e.Date, "extra", e.NameAr, e.NameEn)));
        return days
            .Where(d => d.Date.Year == year)
            .DistinctBy(d => d.Date)
            .OrderBy(d => d.Date)
            .ToList();
    }

    /// <summary>
    /// The periods the rules give in the Umm al-Qura year <paramref name="hijriYear"/>: each Hijri
    /// rule once, each fixed Gregorian rule when its date falls in that Hijri year (eleven days shorter
    /// than a Gregorian one, so a date can miss it), ordered by start. One-off extra dates are not
    /// rules and are left out.
    /// </summary>
    public static IReadOnlyList<HolidayPeriod> RulesInHijriYear(HolidaysFile rules, int hijriYear)
    {
        var first = FromHijri(hijriYear, 1, 1);
        var next = FromHijri(hijriYear + 1, 1, 1);
        var periods = rules.Hijri
            .Select(r => new HolidayPeriod(r.Code, r.NameAr, r.NameEn, FromHijri(hijriYear, r.Month, r.Day), r.LengthDays))
            .ToList();
        foreach (var rule in rules.GregorianFixed)
        {
            for (var year = first.Year; year <= next.Year; year++)
            {
                if (rule.Day > DateTime.DaysInMonth(year, rule.Month))
                    continue;
                var start = new DateOnly(year, rule.Month, rule.Day);
                if (start >= first && start < next)
                    periods.Add(new HolidayPeriod(rule.Code, rule.NameAr, rule.NameEn, start, rule.LengthDays));
            }
        }
        return periods.OrderBy(p => p.Start).ToList();
    }

    /// <summary>The Gregorian date of an Umm al-Qura Hijri date.</summary>
    public static DateOnly FromHijri(int year, int month, int day) =>
        DateOnly.FromDateTime(UmAlQura.ToDateTime(year, month, day, 0, 0, 0, 0));

    /// <summary>The Umm al-Qura Hijri date of a Gregorian date as (year, month, day).</summary>
    public static (int Year, int Month, int Day) ToHijri(DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        return (UmAlQura.GetYear(dt), UmAlQura.GetMonth(dt), UmAlQura.GetDayOfMonth(dt));
    }

    // A Gregorian year touches two or three Hijri years; include the one before so that periods
    // starting late in December are caught.
    private static IEnumerable<int> HijriYearsOverlapping(int year)
    {
        var first = Math.Max(UmAlQura.GetYear(UmAlQura.MinSupportedDateTime) + 1, ToHijri(new DateOnly(year, 1, 1)).Year - 1);
        var last = Math.Min(UmAlQura.GetYear(UmAlQura.MaxSupportedDateTime) - 1, ToHijri(new DateOnly(year, 12, 31)).Year);
        for (var y = first; y <= last; y++)
            yield return y;
    }
}
