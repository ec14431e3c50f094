using System.Globalization;
using CareDesk.Components.Localization;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Features.Tickets;

/// <summary>How tickets read on screen: reference names in the user's language, dates in both calendars, time left.</summary>
public sealed class TicketView(JourneyRouter router)
{
    public JourneyRouter Router => router;

    public static string Name(string ar, string en) => UiText.IsArabic ? ar : en;

    public string CaseTypeName(string code) => router.FindCaseType(code) is { } t ? Name(t.NameAr, t.NameEn) : code;

    public string AgencyName(string code) => router.FindAgency(code) is { } a ? Name(a.NameAr, a.NameEn) : code;

    public JourneyStage? Stage(string caseType, string stageCode) => router.FindStage(caseType, stageCode);

    public string StageName(string caseType, string stageCode) => Stage(caseType, stageCode) is { } s ? Name(s.NameAr, s.NameEn) : stageCode;

    public CaseField? Field(string code) => router.Reference.CaseTypes.Fields.FirstOrDefault(f => f.Code == code);

    public string FieldName(string code) => Field(code) is { } f ? Name(f.NameAr, f.NameEn) : code;

    /// <summary>The kind of personal data a field holds (shown masked, revealed on request), or null.</summary>
    public Accounts.PersonalDataKind? PersonalKind(string code) => Field(code)?.Kind switch
    {
        "national-id" => Accounts.PersonalDataKind.NationalId,
        "iban" => Accounts.PersonalDataKind.Iban,
        _ => null,
    };

    /// <summary>A stored field value as the user reads it (option names instead of codes).</summary>
    public string FieldValue(string code, string value)
    {
        var field = Field(code);
        if (field?.Kind == "select" && field.Options.FirstOrDefault(o => o.Code == value) is { } option)
            return Name(option.NameAr, option.NameEn);
        if (field?.Kind == "channel")
            return ChannelName(value);
        if (field?.Kind == "bool")
            return value == "yes" ? (UiText.IsArabic ? "نعم" : "Yes") : (UiText.IsArabic ? "لا" : "No");
        if (field?.Kind == "national-id")
            return Accounts.PersonalData.MaskNationalId(value);
        if (field?.Kind == "iban")
            return Accounts.PersonalData.MaskIban(value);
        return value;
    }

    public string ChannelName(string code) =>
        router.Reference.Channels.Channels.FirstOrDefault(c => c.Code == code) is { } c ? Name(c.NameAr, c.NameEn) : code;

    /// <summary>The moment in Riyadh time, Gregorian and Hijri.</summary>
    public static string When(DateTimeOffset moment) =>
        UiText.IsArabic ? SaudiDateFormatter.FormatAr(moment) : SaudiDateFormatter.FormatEn(moment);

    public static string When(DateOnly date) => UiText.IsArabic ? SaudiDateFormatter.FormatAr(date) : SaudiDateFormatter.FormatEn(date);

    /// <summary>"2 days 4 hours left" or "overdue by 3 hours 5 minutes", in the user's language; a zero part is left out.</summary>
    public static string TimeLeft(DateTimeOffset due, DateTimeOffset now)
    {
        var span = due - now;
        var overdue = span < TimeSpan.Zero;
        span = span.Duration();
        var arabic = UiText.IsArabic;
        var (big, bigNoun, small, smallNoun) = span.TotalDays >= 1
            ? ((int)span.TotalDays, CountedNoun.Day, span.Hours, CountedNoun.Hour)
            : (span.Hours, CountedNoun.Hour, span.Minutes, CountedNoun.Minute);
        var text = (big, small) switch
        {
            (0, _) => smallNoun.Format(small, arabic),
            (_, 0) => bigNoun.Format(big, arabic),
            _ => bigNoun.Format(big, arabic) + (arabic ? " و" : " ") + smallNoun.Format(small, arabic),
        };
        return overdue
            ? (arabic ? "متأخرة: " : "overdue by ") + text
            : arabic ? "المتبقي: " + text : text + " left";
    }

    public static string Sla(JourneyStage stage) =>
        stage.SlaWorkingDays is { } d ? CountedNoun.WorkingDay.Format(d, UiText.IsArabic)
        : stage.SlaHours is { } h ? CountedNoun.Hour.Format(h, UiText.IsArabic)
        : "—";

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
