namespace CareDesk.Knowledge.Reference;

/// <summary>A field a ticket can ask for, from the <c>fields</c> catalogue of <c>seeds/case-types.json</c>.</summary>
public sealed record CaseField : ReferenceItem
{
    /// <summary>
    /// Value kind: text, long-text, national-id, iban, money, date, datetime, digits, bool, select,
    /// agency or channel.
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>The choices of a <c>select</c> field.</summary>
    public IReadOnlyList<FieldOption> Options { get; init; } = [];

    /// <summary>Arabic hint shown under the input.</summary>
    public string HelpAr { get; init; } = "";

    /// <summary>English hint shown under the input.</summary>
    public string HelpEn { get; init; } = "";
}

/// <summary>One choice of a <c>select</c> field.</summary>
public sealed record FieldOption : ReferenceItem
{
}

/// <summary>A field a case type asks for.</summary>
public sealed record CaseTypeField
{
    /// <summary>Code from the field catalogue.</summary>
    public required string Field { get; init; }

    /// <summary>True when a ticket cannot be opened without it.</summary>
    public bool Required { get; init; }
}

/// <summary>One stage of a case type's journey.</summary>
public sealed record JourneyStage : ReferenceItem
{
    /// <summary>The routable owner agency holding the ticket during the stage.</summary>
    public string? Owner { get; init; }

    /// <summary>RACI letter (R, A, C or I) per involved agency code; uninvolved agencies are absent.</summary>
    public IReadOnlyDictionary<string, string> Roles { get; init; } = new Dictionary<string, string>();

    /// <summary>Deadline in Saudi working days (Sunday–Thursday minus holidays).</summary>
    public int? SlaWorkingDays { get; init; }

    /// <summary>Deadline in elapsed clock hours (for the seeds' "72 hours" and "15 days").</summary>
    public int? SlaHours { get; init; }

    /// <summary>What happens in the stage, in Arabic.</summary>
    public string DescriptionAr { get; init; } = "";

    /// <summary>What happens in the stage, in English.</summary>
    public string DescriptionEn { get; init; } = "";

    /// <summary>The stage's due time for a ticket entering it at <paramref name="start"/>.</summary>
    public DateTimeOffset DueAt(DateTimeOffset start, Calendar.SaudiWorkingCalendar calendar) =>
        SlaWorkingDays is { } days ? calendar.AddWorkingDays(start, days)
        : SlaHours is { } hours ? start.AddHours(hours)
        : start;
}

/// <summary>A case type from <c>seeds/case-types.json</c>.</summary>
public sealed record CaseType : ReferenceItem
{
    /// <summary>Arabic description.</summary>
    public string DescriptionAr { get; init; } = "";

    /// <summary>English description.</summary>
    public string DescriptionEn { get; init; } = "";

    /// <summary>FAQ topic slugs that answer this case type.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>The fields a ticket of this type asks for, in form order.</summary>
    public IReadOnlyList<CaseTypeField> Fields { get; init; } = [];

    /// <summary>The ordered stages; a ticket starts in the first.</summary>
    public IReadOnlyList<JourneyStage> Journey { get; init; } = [];
}

/// <summary>The shape of <c>seeds/case-types.json</c>.</summary>
public sealed record CaseTypesFile
{
    /// <summary>The field catalogue case types draw from.</summary>
    public required IReadOnlyList<CaseField> Fields { get; init; }

    /// <summary>The case types.</summary>
    public required IReadOnlyList<CaseType> CaseTypes { get; init; }
}
