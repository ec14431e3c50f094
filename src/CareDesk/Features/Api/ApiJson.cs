using System.Text.Json;

namespace CareDesk.Features.Api;

/// <summary>The API's JSON: snake_case names, as the request bodies are written, Arabic as characters.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, Options, "application/json; charset=utf-8", status);
}
