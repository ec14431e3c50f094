namespace CareDesk.Knowledge.Reference;

/// <summary>A holiday on the same Gregorian date every year.</summary>
public sealed record GregorianHolidayRule : ReferenceItem
{
    /// <summary>Gregorian month (1–12).</summary>
    public required int Month { get; init; }

    /// <summary>Day of month.</summary>
    public required int Day { get; init; }

    /// <summary>Number of days off from that date.</summary>
    public int LengthDays { get; init; } = 1;
}

/// <summary>A holiday period starting on an Umm al-Qura Hijri date every Hijri year.</summary>
public sealed record HijriHolidayRule : ReferenceItem
{
    /// <summary>Hijri month (1–12; 10 = Shawwal, 12 = Dhu al-Hijjah).</summary>
    public required int Month { get; init; }

    /// <summary>Hijri day of month the period starts on.</summary>
    public required int Day { get; init; }

    /// <summary>Number of consecutive days off.</summary>
    public required int LengthDays { get; init; }
}

/// <summary>A one-off day off (an announced extension, a bridge day).</summary>
public sealed record ExtraHoliday
{
    /// <summary>The Gregorian date.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Arabic name.</summary>
    public required string NameAr { get; init; }

    /// <summary>English name.</summary>
    public required string NameEn { get; init; }
}

/// <summary>The shape of <c>seeds/holidays.json</c>.</summary>
public sealed record HolidaysFile
{
    /// <summary>Fixed Gregorian holidays (Founding Day, National Day).</summary>
    public required IReadOnlyList<GregorianHolidayRule> GregorianFixed { get; init; }

    /// <summary>Hijri holiday periods (Eid al-Fitr, Eid al-Adha).</summary>
    public required IReadOnlyList<HijriHolidayRule> Hijri { get; init; }

    /// <summary>Explicit extra dates.</summary>
    public IReadOnlyList<ExtraHoliday> ExtraDates { get; init; } = [];
}
