using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace CareDesk.Components.Localization;

/// <summary>
/// The interface texts, Arabic with English beside it in one resource (<c>Resources/ui-text.json</c>),
/// so a translator sees both at once. Served through the standard <see cref="IStringLocalizer"/>.
/// </summary>
public sealed class UiText : IStringLocalizer
{
    private readonly FrozenDictionary<string, (string Ar, string En)> _texts;

    public UiText(FrozenDictionary<string, (string Ar, string En)> texts) => _texts = texts;

    public static UiText LoadEmbedded()
    {
        using var stream = typeof(UiText).Assembly.GetManifestResourceStream("Resources/ui-text.json")
            ?? throw new InvalidOperationException("Resources/ui-text.json is not embedded");
        var raw = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException("Resources/ui-text.json is empty");
        return new UiText(raw.ToFrozenDictionary(kv => kv.Key, kv => (kv.Value["ar"], kv.Value["en"]), StringComparer.Ordinal));
    }

    public static bool IsArabic => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ar";

    public IReadOnlyCollection<string> Keys => _texts.Keys;

    /// <summary>Both languages of a text (the HTTP API answers in Arabic and English at once); the key itself when unknown.</summary>
    public (string Ar, string En) Both(string name) => _texts.TryGetValue(name, out var t) ? t : (name, name);

    public LocalizedString this[string name] => _texts.TryGetValue(name, out var t)
        ? new LocalizedString(name, IsArabic ? t.Ar : t.En)
        : new LocalizedString(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        this[name] is { ResourceNotFound: false } s
            ? new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, s.Value, arguments))
            : new LocalizedString(name, name, resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        _texts.Keys.Select(k => this[k]);
}

/// <summary>Lets components ask for <c>IStringLocalizer&lt;T&gt;</c> and get the one shared table.</summary>
public sealed class UiTextFactory(UiText text) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => text;

    public IStringLocalizer Create(string baseName, string location) => text;
}
