using System.Text.RegularExpressions;

namespace CareDesk.Knowledge.Reference;

/// <summary>A placeholder that response templates may use, e.g. <c>{ticket_number}</c>.</summary>
public sealed record TemplatePlaceholder
{
    /// <summary>Name without braces.</summary>
    public required string Name { get; init; }

    /// <summary>Arabic description.</summary>
    public required string DescriptionAr { get; init; }

    /// <summary>English description.</summary>
    public required string DescriptionEn { get; init; }
}

/// <summary>A unified reply from <c>seeds/templates.json</c>, Arabic with English beside.</summary>
public sealed partial record ResponseTemplate
{
    /// <summary>kebab-case code, e.g. <c>acknowledgement</c>, <c>resolution-visa-fee-refund</c>.</summary>
    public required string Code { get; init; }

    /// <summary>acknowledgement, resolution, more-info, rerouted or escalated.</summary>
    public required string Kind { get; init; }

    /// <summary>The case type a resolution belongs to; null for templates shared by all.</summary>
    public string? CaseType { get; init; }

    /// <summary>Arabic name for the template picker.</summary>
    public required string NameAr { get; init; }

    /// <summary>English name for the template picker.</summary>
    public required string NameEn { get; init; }

    /// <summary>Arabic text with <c>{placeholder}</c> markers.</summary>
    public required string TextAr { get; init; }

    /// <summary>English text with the same markers.</summary>
    public required string TextEn { get; init; }

    /// <summary>The placeholder names used in a text, in order of first use.</summary>
    public static IReadOnlyList<string> PlaceholdersIn(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Fills the placeholders of the Arabic (<c>ar</c>) or English text; unknown ones stay as they are.</summary>
    public string Render(string language, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(language == "ar" ? TextAr : TextEn,
            m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"\{([a-z][a-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}

/// <summary>The shape of <c>seeds/templates.json</c>.</summary>
public sealed record TemplatesFile
{
    /// <summary>The placeholders templates may use.</summary>
    public required IReadOnlyList<TemplatePlaceholder> Placeholders { get; init; }

    /// <summary>The templates.</summary>
    public required IReadOnlyList<ResponseTemplate> Templates { get; init; }
}
