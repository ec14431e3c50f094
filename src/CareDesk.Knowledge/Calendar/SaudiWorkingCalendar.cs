using System.Collections.Concurrent;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Calendar;

/// <summary>
/// Saudi working days: Sunday to Thursday, minus the holidays of <c>seeds/holidays.json</c>, in
/// Asia/Riyadh local time (UTC+3 all year, no daylight saving).
/// </summary>
/// <remarks>
/// Deadlines keep the start's local time of day: a ticket opened on Thursday at 10:00 with one
/// working day is due on Sunday at 10:00. A start on a day off counts from the beginning (00:00)
/// of the next working day, so one working day from a Friday ends at the close of Sunday.
/// </remarks>
public sealed class SaudiWorkingCalendar
{
    /// <summary>Asia/Riyadh's offset from UTC.</summary>
    public static readonly TimeSpan RiyadhOffset = TimeSpan.FromHours(3);

    private readonly HolidaysFile _rules;
    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, Holiday>> _byYear = new();

    /// <summary>A calendar over the given holiday rules.</summary>
    public SaudiWorkingCalendar(HolidaysFile rules) => _rules = rules;

    /// <summary>A calendar over the holidays of loaded reference data.</summary>
    public static SaudiWorkingCalendar FromReferenceData(ReferenceData data) => new(data.Holidays);

    /// <summary>The moment as Riyadh local time.</summary>
    public static DateTimeOffset ToRiyadh(DateTimeOffset moment) => moment.ToOffset(RiyadhOffset);

    /// <summary>True when the date is Sunday–Thursday and not a holiday.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Friday or DayOfWeek.Saturday) && HolidayOn(date) is null;

    /// <summary>True when the moment's Riyadh date is a working day.</summary>
    public bool IsWorkingDay(DateTimeOffset moment) => IsWorkingDay(DateOnly.FromDateTime(ToRiyadh(moment).DateTime));

    /// <summary>The holiday on a date, or null.</summary>
    public Holiday? HolidayOn(DateOnly date) =>
        HolidaysOf(date.Year).TryGetValue(date, out var holiday) ? holiday : null;

    /// <summary>All holidays in a Gregorian year, ordered by date.</summary>
    public IReadOnlyList<Holiday> Holidays(int year) => HolidaysOf(year).Values.OrderBy(h => h.Date).ToList();

    /// <summary>The <paramref name="days"/>-th working day after the start, at the start's local time (see remarks).</summary>
    /// <param name="start">Any offset; the result is in Riyadh time.</param>
    /// <param name="days">Zero or more working days.</param>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = StartOfWork(start);
        var date = DateOnly.FromDateTime(local.DateTime);
        for (var added = 0; added < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
                added++;
        }
        return new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay)), RiyadhOffset);
    }

    /// <summary>Adds hours that elapse only on working days (whole days, in Riyadh time).</summary>
    /// <param name="start">Any offset; the result is in Riyadh time.</param>
    /// <param name="hours">Zero or more hours.</param>
    public DateTimeOffset AddWorkingHours(DateTimeOffset start, double hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        var at = StartOfWork(start);
        var left = TimeSpan.FromHours(hours);
        while (true)
        {
            if (!IsWorkingDay(DateOnly.FromDateTime(at.DateTime)))
            {
                at = new DateTimeOffset(at.Date.AddDays(1), RiyadhOffset);
                continue;
            }
            var endOfDay = new DateTimeOffset(at.Date.AddDays(1), RiyadhOffset);
            var available = endOfDay - at;
            if (left <= available)
                return at + left;
            left -= available;
            at = endOfDay;
        }
    }

    /// <summary>
    /// Working days after <paramref name="from"/> up to and including <paramref name="to"/>;
    /// negative when <paramref name="to"/> is earlier. <c>WorkingDaysBetween(d, d)</c> is 0.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
            return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
                count++;
        }
        return count;
    }

    /// <summary>Working days between the Riyadh dates of two moments (see the <see cref="DateOnly"/> overload).</summary>
    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to) =>
        WorkingDaysBetween(DateOnly.FromDateTime(ToRiyadh(from).DateTime), DateOnly.FromDateTime(ToRiyadh(to).DateTime));

    private DateTimeOffset StartOfWork(DateTimeOffset start)
    {
        var local = ToRiyadh(start);
        if (IsWorkingDay(DateOnly.FromDateTime(local.DateTime)))
            return local;
        var date = DateOnly.FromDateTime(local.DateTime).AddDays(1);
        while (!IsWorkingDay(date))
            date = date.AddDays(1);
        return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), RiyadhOffset);
    }

    private IReadOnlyDictionary<DateOnly, Holiday> HolidaysOf(int year) =>
        _byYear.GetOrAdd(year, y => HolidayExpander.InYear(_rules, y).ToDictionary(h => h.Date));
}
