namespace CareDesk.Features.Accounts;

/// <summary>
/// Headers on every response. The CSP admits what Blazor Server and Radzen need and nothing else:
/// scripts, styles, fonts and images from this origin, the circuit's WebSocket back to this origin,
/// and inline <c>style</c> attributes (Radzen positions popups and sizes columns with them). The one
/// inline script, the framework's import map, carries this response's nonce. No other inline or foreign
/// script, no plugins, no framing, forms post only here.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string NonceKey = "caredesk:csp-nonce";

    /// <summary>This response's script nonce, for the few inline scripts the framework renders (<c>&lt;ImportMap nonce=...&gt;</c>).</summary>
    public static string Nonce(HttpContext? http) => http?.Items[NonceKey] as string ?? "";

    public Task InvokeAsync(HttpContext http)
    {
        var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            var host = http.Request.Host.Value;
            h.ContentSecurityPolicy =
                "default-src 'self'; " +
                $"script-src 'self' 'nonce-{nonce}'; " +
                "style-src 'self' 'unsafe-inline'; " +
                "img-src 'self' data:; " +
                "font-src 'self' data:; " +
                $"connect-src 'self' ws://{host} wss://{host}; " +
                "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            h.XFrameOptions = "DENY";
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(http);
    }
}
