using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CareDesk.Features.Api;

/// <summary>A fixed window per API key (authorization has run, so the key is known); 429 with Retry-After and problem details.</summary>
public sealed class ApiRateLimit(ApiOptions options) : IRateLimiterPolicy<string>
{
    public const string Name = "api";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : (int)options.Window.TotalSeconds;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "api.error.rate-limited");
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetFixedWindowLimiter(
        httpContext.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value ?? "none",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitsPerWindow, Window = options.Window, QueueLimit = 0 });
}
