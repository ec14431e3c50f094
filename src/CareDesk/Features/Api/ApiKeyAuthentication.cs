using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CareDesk.Features.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c> against
/// <see cref="ApiKeyStore"/>. Only the API's policies name this scheme, so a console cookie never
/// reaches the API and an API key never opens a page. Challenges and refusals are problem details.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "api.scope";
    public const string KeyIdClaim = "api.key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadKey(Request);
        if (secret is null)
            return AuthenticateResult.NoResult();
        var key = secret.Length is > 0 and <= 200 ? await keys.FindAsync(secret, Context.RequestAborted) : null;
        if (key is null)
            return AuthenticateResult.Fail("unknown or revoked API key");
        var claims = new List<Claim> { new(ClaimTypes.Name, ApiActor.UserName(key.Integration)), new(KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        claims.AddRange(key.Scopes.Select(s => new Claim(ScopeClaim, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, "api.error.unauthorized");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "api.error.forbidden");

    private static string? ReadKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        var apiKey = request.Headers["X-Api-Key"].ToString();
        return apiKey.Length > 0 ? apiKey.Trim() : null;
    }
}
