using CareDesk.Features.Audit;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Features.Reference;

public sealed partial class ReferenceEditor
{
    /// <summary>
    /// Adds a one-off day off (a declared extra holiday) from today on; new deadlines skip it, tickets
    /// already open keep theirs. A date that is already an extra holiday is refused by the seed rules.
    /// </summary>
    public Task<ReferenceEditResult> AddHolidayAsync(string actor, ExtraHoliday holiday, DateTimeOffset now, CancellationToken ct = default)
    {
        if (holiday.Date < DateOnly.FromDateTime(SaudiWorkingCalendar.ToRiyadh(now).DateTime))
            return Task.FromResult(ReferenceEditResult.Refused("admin.holidays.error.past"));
        holiday = holiday with { NameAr = holiday.NameAr.Trim(), NameEn = holiday.NameEn.Trim() };
        return EditAsync(actor, AuditActions.ReferenceHoliday, current =>
        {
            var holidays = current.Holidays with { ExtraDates = [.. current.Holidays.ExtraDates, holiday] };
            holidays = holidays with { ExtraDates = holidays.ExtraDates.OrderBy(e => e.Date).ToList() };
            return new Change(new Dictionary<string, object> { [ReferenceData.HolidaysFileName] = holidays }, HolidaySubject(holiday), null, holiday);
        }, ct);
    }

    /// <summary>Removes a one-off day off as the administrator read it; gone or changed meanwhile is a conflict.</summary>
    public Task<ReferenceEditResult> RemoveHolidayAsync(string actor, ExtraHoliday expected, CancellationToken ct = default) =>
        EditAsync(actor, AuditActions.ReferenceHoliday, current =>
        {
            var stored = current.Holidays.ExtraDates.FirstOrDefault(e => e.Date == expected.Date);
            if (stored is null || !Same(stored, expected))
                return ReferenceEditResult.Conflict;
            var holidays = current.Holidays with { ExtraDates = current.Holidays.ExtraDates.Where(e => e.Date != expected.Date).ToList() };
            return new Change(new Dictionary<string, object> { [ReferenceData.HolidaysFileName] = holidays }, HolidaySubject(stored), stored, null);
        }, ct);

    private static string HolidaySubject(ExtraHoliday holiday) =>
        "holiday:" + holiday.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
