using CareDesk.Components.Localization;
using CareDesk.Knowledge.Calendar;

namespace CareDesk.Features.AgentConsole;

/// <summary>How the console shows dates and bilingual reference names in the user's language.</summary>
public static class ConsoleText
{
    /// <summary>A moment's Riyadh date and time, Gregorian then Hijri.</summary>
    public static string Moment(DateTimeOffset moment) =>
        UiText.IsArabic ? SaudiDateFormatter.FormatAr(moment) : SaudiDateFormatter.FormatEn(moment);

    /// <summary>A date, Gregorian then Hijri.</summary>
    public static string Date(DateOnly date) =>
        UiText.IsArabic ? SaudiDateFormatter.FormatAr(date) : SaudiDateFormatter.FormatEn(date);

    /// <summary>The Arabic or English name, whichever the user reads.</summary>
    public static string Name(string ar, string en) => UiText.IsArabic || en.Length == 0 ? ar : en;
}
