namespace CareDesk.Features.Accounts;

/// <summary>
/// Headers on every response. The CSP admits what Blazor Server and Radzen need and nothing else:
/// scripts, styles, fonts and images from this origin, the circuit's WebSocket back to this origin,
/// and inline <c>style</c> attributes (Radzen positions popups and sizes columns with them). No inline
/// or foreign script, no plugins, no framing, forms post only here.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            var host = http.Request.Host.Value;
            h.ContentSecurityPolicy =
                "default-src 'self'; " +
                "script-src 'self'; " +
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
