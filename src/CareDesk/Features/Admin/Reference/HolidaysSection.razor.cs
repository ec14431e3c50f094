using CareDesk.Components.Localization;
using CareDesk.Features.Health;
using CareDesk.Features.Reference;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

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
    private ReferenceEditResult? _result;
    private DatabaseProblem? _dbProblem;

    [Inject] private ReferenceSnapshot Snapshot { get; set; } = null!;

    [Inject] private ReferenceEditor Editor { get; set; } = null!;

    [Inject] private DatabaseActions Db { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    private ReferenceData Data => Snapshot.Current.Data;

    private int ThisHijriYear => HolidayExpander.ToHijri(DateOnly.FromDateTime(SaudiWorkingCalendar.ToRiyadh(Clock.GetUtcNow()).DateTime)).Year;

    private static string Name(string ar, string en) => UiText.IsArabic ? ar : en;

    private async Task AddAsync()
    {
        _result = null;
        if (_date is not { } date)
        {
            _result = ReferenceEditResult.Refused("admin.holidays.error.date");
            return;
        }
        var holiday = new ExtraHoliday { Date = date, NameAr = _nameAr, NameEn = _nameEn };
        await RunAsync("add a holiday", async actor =>
        {
            _result = await Editor.AddHolidayAsync(actor, holiday, Clock.GetUtcNow());
            if (_result.IsSaved)
                (_date, _nameAr, _nameEn) = (null, "", "");
        });
    }

    private Task RemoveAsync(ExtraHoliday holiday) =>
        RunAsync("remove a holiday", async actor => _result = await Editor.RemoveHolidayAsync(actor, holiday));

    private async Task RunAsync(string what, Func<string, Task> action)
    {
        _result = null;
        var actor = (await AuthState).User.Identity?.Name ?? "unknown";
        _dbProblem = await Db.RunAsync(what, () => action(actor));
    }
}
