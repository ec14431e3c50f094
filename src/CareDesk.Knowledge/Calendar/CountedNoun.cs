using System.Globalization;

namespace CareDesk.Knowledge.Calendar;

/// <summary>
/// A number with its noun, in Arabic and English. Arabic chooses the noun's form by the number:
/// one and two have their own words (يوم واحد، يومان), 3–10 take the plural (3 أيام), 11–99 the
/// singular accusative (11 يوماً), and from 100 on the last two digits decide, with 0–2 taking the
/// plain singular (100 يوم، 102 يوم, and so does zero). English is "1 day" / "n days".
/// </summary>
/// <param name="One">The noun with "one": <c>يوم واحد</c>.</param>
/// <param name="Two">The dual: <c>يومان</c>.</param>
/// <param name="Few">The plural after 3–10: <c>أيام</c>.</param>
/// <param name="Many">The singular accusative after 11–99: <c>يوماً</c>.</param>
/// <param name="Hundreds">The singular after a round hundred: <c>يوم</c>.</param>
/// <param name="EnOne">English singular.</param>
/// <param name="EnMany">English plural.</param>
public sealed record CountedNoun(string One, string Two, string Few, string Many, string Hundreds, string EnOne, string EnMany)
{
    public static readonly CountedNoun Day = new("يوم واحد", "يومان", "أيام", "يوماً", "يوم", "day", "days");

    public static readonly CountedNoun WorkingDay = new("يوم عمل واحد", "يوما عمل", "أيام عمل", "يوم عمل", "يوم عمل", "working day", "working days");

    public static readonly CountedNoun Hour = new("ساعة واحدة", "ساعتان", "ساعات", "ساعة", "ساعة", "hour", "hours");

    public static readonly CountedNoun Minute = new("دقيقة واحدة", "دقيقتان", "دقائق", "دقيقة", "دقيقة", "minute", "minutes");

    public static readonly CountedNoun Result = new("نتيجة واحدة", "نتيجتان", "نتائج", "نتيجة", "نتيجة", "result", "results");

    public static readonly CountedNoun Article = new("مقال واحد", "مقالان", "مقالات", "مقالاً", "مقال", "article", "articles");

    public static readonly CountedNoun Topic = new("موضوع واحد", "موضوعان", "موضوعات", "موضوعاً", "موضوع", "topic", "topics");

    public static readonly CountedNoun CaseType = new("نوع حالة واحد", "نوعان من الحالات", "أنواع حالات", "نوع حالة", "نوع حالة", "case type", "case types");

    /// <summary>The count with its noun in Arabic: <c>3 أيام</c>, <c>يومان</c>, <c>11 يوماً</c>.</summary>
    public string Arabic(long count)
    {
        var n = Math.Abs(count);
        var digits = count.ToString(CultureInfo.InvariantCulture);
        if (n == 1)
            return One;
        if (n == 2)
            return Two;
        var lastTwo = n % 100;
        var noun = lastTwo switch
        {
            >= 3 and <= 10 => Few,
            >= 11 => Many,
            _ => Hundreds, // 0, and 100, 101, 102, 200…
        };
        return digits + " " + noun;
    }

    /// <summary>The count with its noun in English: <c>1 day</c>, <c>3 days</c>.</summary>
    public string English(long count) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (Math.Abs(count) == 1 ? EnOne : EnMany);

    /// <summary>Arabic or English as asked.</summary>
    public string Format(long count, bool arabic) => arabic ? Arabic(count) : English(count);
}
