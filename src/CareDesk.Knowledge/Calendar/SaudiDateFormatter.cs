using System.Globalization;

namespace CareDesk.Knowledge.Calendar;

/// <summary>
/// Shows a date in both calendars, Gregorian then Umm al-Qura Hijri, in Arabic or English:
/// <c>الأربعاء 2 ديسمبر 2026م — 22 جمادى الآخرة 1448هـ</c> /
/// <c>Wednesday 2 December 2026 — 22 Jumada al-Akhirah 1448 AH</c>.
/// </summary>
/// <remarks>Names come from fixed tables, not culture data, so output does not depend on ICU.</remarks>
public static class SaudiDateFormatter
{
    private static readonly string[] DaysAr = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];

    private static readonly string[] GregorianMonthsAr =
        ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];

    private static readonly string[] HijriMonthsAr =
    [
        "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
        "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
    ];

    private static readonly string[] HijriMonthsEn =
    [
        "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Akhir", "Jumada al-Ula", "Jumada al-Akhirah",
        "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah",
    ];

    /// <summary>The Arabic form, e.g. <c>الأربعاء 2 ديسمبر 2026م — 22 جمادى الآخرة 1448هـ</c>.</summary>
    public static string FormatAr(DateOnly date)
    {
        var (hy, hm, hd) = HolidayExpander.ToHijri(date);
        return $"{DaysAr[(int)date.DayOfWeek]} {date.Day} {GregorianMonthsAr[date.Month - 1]} {date.Year}م — {hd} {HijriMonthsAr[hm - 1]} {hy}هـ";
    }

    /// <summary>The English form, e.g. <c>Wednesday 2 December 2026 — 22 Jumada al-Akhirah 1448 AH</c>.</summary>
    public static string FormatEn(DateOnly date)
    {
        var (hy, hm, hd) = HolidayExpander.ToHijri(date);
        var gregorian = date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        return $"{gregorian} — {hd} {HijriMonthsEn[hm - 1]} {hy} AH";
    }

    /// <summary>The Arabic form of a moment's Riyadh date followed by its time, e.g. <c>… 1448هـ، 14:30</c>.</summary>
    public static string FormatAr(DateTimeOffset moment)
    {
        var local = SaudiWorkingCalendar.ToRiyadh(moment);
        return $"{FormatAr(DateOnly.FromDateTime(local.DateTime))}، {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The English form of a moment's Riyadh date followed by its time, e.g. <c>… 1448 AH, 14:30</c>.</summary>
    public static string FormatEn(DateTimeOffset moment)
    {
        var local = SaudiWorkingCalendar.ToRiyadh(moment);
        return $"{FormatEn(DateOnly.FromDateTime(local.DateTime))}, {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The compact form for tables: the Gregorian date in ISO order and the Umm al-Qura date in figures,
    /// e.g. <c>2026-12-02 · 1448/06/22هـ</c> (Arabic) or <c>2026-12-02 · 22/06/1448 AH</c> (English).
    /// </summary>
    public static string FormatShort(DateOnly date, bool arabic)
    {
        var (hy, hm, hd) = HolidayExpander.ToHijri(date);
        var gregorian = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return arabic
            ? $"{gregorian} · {hy}/{hm:00}/{hd:00}هـ"
            : $"{gregorian} · {hd:00}/{hm:00}/{hy} AH";
    }

    /// <summary>The compact form of a moment's Riyadh date followed by its Riyadh time, e.g. <c>2026-12-02 · 1448/06/22هـ 14:30</c>.</summary>
    public static string FormatShort(DateTimeOffset moment, bool arabic)
    {
        var local = SaudiWorkingCalendar.ToRiyadh(moment);
        return $"{FormatShort(DateOnly.FromDateTime(local.DateTime), arabic)} {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }
}
