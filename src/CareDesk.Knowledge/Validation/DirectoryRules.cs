using System.Globalization;
using System.Text.RegularExpressions;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Knowledge.Validation;

/// <summary>
/// What a name, phone number, e-mail address and user name in the reference data may look like:
/// the same rules for the seed files and for the administrator's edits of them.
/// </summary>
public static partial class DirectoryRules
{
    /// <summary>Longest person or holiday name, in either language.</summary>
    public const int NameMax = 100;

    /// <summary>Longest agency name or job title, in either language.</summary>
    public const int LongNameMax = 200;

    /// <summary>Longest e-mail address (RFC 5321's path limit).</summary>
    public const int EmailMax = 254;

    /// <summary>Longest user name (as the accounts feature allows).</summary>
    public const int UsernameMax = 64;

    /// <summary>Most working days a stage may take (about a working year).</summary>
    public const int SlaWorkingDaysMax = 250;

    /// <summary>Most clock hours a stage may take (one year).</summary>
    public const int SlaHoursMax = 8760;

    /// <summary>A required text: not blank and at most <paramref name="max"/> characters.</summary>
    public static bool IsRequiredText(string? value, int max) => !string.IsNullOrWhiteSpace(value) && value.Length <= max;

    /// <summary>9–15 digits, optionally after a leading <c>+</c>, grouped by single spaces or dashes.</summary>
    public static bool IsPhone(string? value) =>
        value is { Length: <= 30 } && Phone().IsMatch(value) && value.Count(char.IsAsciiDigit) is >= 9 and <= 15;

    /// <summary>One <c>@</c>, no spaces, a dot in the domain; at most <see cref="EmailMax"/> characters.</summary>
    public static bool IsEmail(string? value) => value is { Length: <= EmailMax } && Email().IsMatch(value);

    /// <summary>1–64 ASCII letters, digits and <c>. _ - @</c> (a CareDesk user name).</summary>
    public static bool IsUsername(string? value) => value is { Length: > 0 and <= UsernameMax } && Username().IsMatch(value);

    internal static void Agency(ProblemSink sink, int i, Agency agency)
    {
        const string file = ReferenceData.AgenciesFileName;
        if (!IsRequiredText(agency.NameAr, LongNameMax) || !IsRequiredText(agency.NameEn, LongNameMax))
            sink.At(file, $"$.agencies[{i}]", "agency-name",
                $"agency '{agency.Code}' needs an Arabic and an English name of at most {LongNameMax} characters",
                $"الجهة '{agency.Code}' تحتاج اسماً عربياً واسماً إنجليزياً لا يزيد كل منهما على {LongNameMax} حرف");
    }

    internal static void Liaison(ProblemSink sink, int i, Liaison liaison)
    {
        const string file = ReferenceData.LiaisonsFileName;
        var path = $"$.liaisons[{i}]";
        var who = $"{liaison.Agency}/{liaison.Rank.ToString().ToLowerInvariant()}";
        if (!IsRequiredText(liaison.NameAr, NameMax) || !IsRequiredText(liaison.NameEn, NameMax))
            sink.At(file, path, "liaison-name", $"liaison {who} needs an Arabic and an English name of at most {NameMax} characters",
                $"ضابط الاتصال {who} يحتاج اسماً عربياً واسماً إنجليزياً لا يزيد كل منهما على {NameMax} حرف");
        if (liaison.TitleAr.Length > LongNameMax || liaison.TitleEn.Length > LongNameMax)
            sink.At(file, path, "liaison-title", $"the job title of liaison {who} is longer than {LongNameMax} characters",
                $"المسمى الوظيفي لضابط الاتصال {who} أطول من {LongNameMax} حرف");
        if (!IsPhone(liaison.Phone))
            sink.At(file, $"{path}.phone", "liaison-phone",
                $"the phone of liaison {who} must be 9 to 15 digits, optionally after +, grouped by spaces or dashes",
                $"هاتف ضابط الاتصال {who} يجب أن يكون من 9 إلى 15 رقماً، وقد يبدأ بـ + وتفصل بين مجموعاته مسافات أو شرطات");
        if (!IsEmail(liaison.Email))
            sink.At(file, $"{path}.email", "liaison-email", $"the e-mail of liaison {who} is not an e-mail address (name@domain.tld)",
                $"البريد الإلكتروني لضابط الاتصال {who} ليس عنوان بريد صحيحاً (name@domain.tld)");
        if (liaison.Username is not null && !IsUsername(liaison.Username))
            sink.At(file, $"{path}.username", "liaison-username",
                $"the user name of liaison {who} must be 1 to {UsernameMax} letters, digits or . _ - @",
                $"اسم مستخدم ضابط الاتصال {who} يجب أن يكون من 1 إلى {UsernameMax} من الحروف اللاتينية أو الأرقام أو . _ - @");
    }

    internal static void ExtraHolidays(ProblemSink sink, IReadOnlyList<ExtraHoliday> extra)
    {
        const string file = ReferenceData.HolidaysFileName;
        sink.Duplicates(file, "$.extra_dates", extra, e => e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "holiday date / تاريخ الإجازة");
        for (var i = 0; i < extra.Count; i++)
        {
            var day = extra[i].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!IsRequiredText(extra[i].NameAr, NameMax) || !IsRequiredText(extra[i].NameEn, NameMax))
                sink.At(file, $"$.extra_dates[{i}]", "holiday-name",
                    $"the holiday on {day} needs an Arabic and an English name of at most {NameMax} characters",
                    $"الإجازة في {day} تحتاج اسماً عربياً واسماً إنجليزياً لا يزيد كل منهما على {NameMax} حرف");
        }
    }

    [GeneratedRegex(@"^\+?[0-9]+([ -][0-9]+)*$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^[A-Za-z0-9._@-]+$")]
    private static partial Regex Username();
}
