using CareDesk.Components.Localization;

namespace CareDesk.Features.Api;

/// <summary>
/// RFC 7807 problem details in both languages: <c>title</c>/<c>errors</c> in English (what most HTTP
/// clients log), <c>title_ar</c>/<c>errors_ar</c> in Arabic (what an IVR or a web form shows the caller).
/// </summary>
public static class ApiProblems
{
    public static IResult Result(HttpContext http, int status, string titleKey, IReadOnlyDictionary<string, string>? errors = null)
    {
        var text = http.RequestServices.GetRequiredService<UiText>();
        var (ar, en) = text.Both(titleKey);
        var extensions = new Dictionary<string, object?> { ["title_ar"] = ar, ["code"] = titleKey };
        if (errors is { Count: > 0 })
        {
            extensions["errors"] = errors.ToDictionary(e => e.Key, e => new[] { text.Both(e.Value).En });
            extensions["errors_ar"] = errors.ToDictionary(e => e.Key, e => new[] { text.Both(e.Value).Ar });
        }
        return Results.Problem(statusCode: status, title: en, extensions: extensions);
    }

    public static Task Write(HttpContext http, int status, string titleKey) => Result(http, status, titleKey).ExecuteAsync(http);
}
