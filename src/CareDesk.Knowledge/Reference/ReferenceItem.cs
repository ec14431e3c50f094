namespace CareDesk.Knowledge.Reference;

/// <summary>What most seed entries share: a stable code and a name in Arabic and English.</summary>
public abstract record ReferenceItem
{
    /// <summary>Stable code other files and the database refer to.</summary>
    public required string Code { get; init; }

    /// <summary>Arabic name.</summary>
    public required string NameAr { get; init; }

    /// <summary>English name.</summary>
    public required string NameEn { get; init; }
}
