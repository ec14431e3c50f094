using CareDesk.Features.Reference;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;
using Microsoft.AspNetCore.Components;

namespace CareDesk.Features.Admin.Reference;

/// <summary>
/// The holidays on <c>/admin</c>: the rules' dates in this and next Hijri year, in both calendars, and
/// the one-off days off the administrator adds or removes (new deadlines follow; open tickets keep theirs).
/// </summary>
public sealed partial class HolidaysSection
{
    private DateOnly? _date;
    private string _nameAr = "";
    private string _nameEn = "";

    [Inject] private TimeProvider Clock { get; set; } = null!;

    private int ThisHijriYear => HolidayExpander.ToHijri(DateOnly.FromDateTime(SaudiWorkingCalendar.ToRiyadh(Clock.GetUtcNow()).DateTime)).Year;

    private Task AddAsync()
    {
        if (_date is not { } date)
        {
            Refuse("admin.holidays.error.date");
            return Task.CompletedTask;
        }
        var holiday = new ExtraHoliday { Date = date, NameAr = _nameAr, NameEn = _nameEn };
        return ChangeAsync("add a holiday", actor => Editor.AddHolidayAsync(actor, holiday, Clock.GetUtcNow()), result =>
        {
            if (result.IsSaved)
                (_date, _nameAr, _nameEn) = (null, "", "");
        });
    }

    private Task RemoveAsync(ExtraHoliday holiday) =>
        ChangeAsync("remove a holiday", actor => Editor.RemoveHolidayAsync(actor, holiday), _ => { });
}
