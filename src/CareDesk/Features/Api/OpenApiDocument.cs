namespace CareDesk.Features.Api;

/// <summary>
/// The hand-maintained OpenAPI 3.0 document (<c>Features/Api/openapi.json</c>, embedded). A test checks
/// that every mapped <c>/api/*</c> endpoint appears in it, so the two cannot drift apart.
/// </summary>
public static class OpenApiDocument
{
    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("Api/openapi.json")
            ?? throw new InvalidOperationException("Api/openapi.json is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve() => Results.Bytes(Document.Value, "application/json; charset=utf-8");
}
