using CareDesk.Features.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CareDesk.Features.Accounts;

/// <summary>
/// The sign-in and sign-out form posts. Cookies cannot be set from a SignalR circuit, so the sign-in
/// page is a static form that posts here. Every failure gives the same answer, whether or not the
/// user exists, is locked, or typed the wrong password.
/// </summary>
public static class SignInEndpoints
{
    public const string SignInPath = "/account/signin";

    /// <summary>Where the sign-in form posts (apart from the page's own route, which Blazor also answers for POST).</summary>
    public const string SubmitPath = "/account/signin/submit";

    public static void MapSignIn(this WebApplication app)
    {
        app.MapPost(SubmitPath, SignInAsync).AllowAnonymous().RequireRateLimiting(AccountsRegistration.SignInRateLimit);
        app.MapPost("/account/signout", SignOutAsync).RequireAuthorization();
    }

    public sealed class SignInForm
    {
        public string? UserName { get; set; }

        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] SignInForm form,
        HttpContext http,
        SignInManager<CareDeskUser> signIn,
        IPasswordHasher<CareDeskUser> hasher,
        IAuditLog audit,
        ILogger<SignInForm> logger)
    {
        var returnUrl = LocalOrNull(form.ReturnUrl);
        var ip = http.Connection.RemoteIpAddress?.ToString();
        if (!AccountInput.IsUserName(form.UserName) || !AccountInput.IsPassword(form.Password))
        {
            await audit.WriteAsync(new AuditEntry("anonymous", AuditActions.SignInFailed, form.UserName, Details: "malformed input", Ip: ip));
            logger.LogWarning("Sign-in rejected: malformed input from {Ip}", ip);
            return Back("invalid", returnUrl);
        }

        var user = await signIn.UserManager.FindByNameAsync(form.UserName!);
        if (user is null)
        {
            // Spend the same time as a real password check, so timing does not tell whether the user exists.
            hasher.VerifyHashedPassword(new CareDeskUser(), DummyHash.Value, form.Password!);
            await audit.WriteAsync(new AuditEntry(form.UserName!, AuditActions.SignInFailed, Details: "unknown user", Ip: ip));
            logger.LogWarning("Sign-in failed for {User} from {Ip}", form.UserName, ip);
            return Back("failed", returnUrl);
        }

        var result = await signIn.PasswordSignInAsync(user, form.Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            var why = result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password";
            await audit.WriteAsync(new AuditEntry(user.UserName, AuditActions.SignInFailed, Details: why, Ip: ip));
            logger.LogWarning("Sign-in failed for {User} from {Ip}: {Reason}", user.UserName, ip, why);
            return Back("failed", returnUrl);
        }

        await audit.WriteAsync(new AuditEntry(user.UserName, AuditActions.SignIn, Details: user.Role, Ip: ip));
        logger.LogInformation("Signed in {User} ({Role})", user.UserName, user.Role);
        return Results.LocalRedirect(returnUrl ?? HomeOf(user.Role));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<CareDeskUser> signIn, IAuditLog audit)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Results.BadRequest();
        var name = http.User.Identity?.Name ?? "anonymous";
        await signIn.SignOutAsync();
        await audit.WriteAsync(new AuditEntry(name, AuditActions.SignOut, Ip: http.Connection.RemoteIpAddress?.ToString()));
        return Results.LocalRedirect(SignInPath);
    }

    /// <summary>
    /// The framework's own scripts (<c>_framework/*.js</c>) are public files like the static
    /// assets: the sign-in page loads them before anyone is signed in.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder AllowAnonymousFrameworkScripts(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Add(e =>
        {
            if (e is RouteEndpointBuilder { RoutePattern.RawText: { } raw }
                && raw.TrimStart('/').StartsWith("_framework/", StringComparison.Ordinal)
                && raw.EndsWith(".js", StringComparison.Ordinal))
                e.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
        });
        return builder;
    }

    /// <summary>Where a role lands after signing in when no page was asked for.</summary>
    public static string HomeOf(string? role) => role switch
    {
        Roles.Admin => "/admin/users",
        _ => "/",
    };

    public static async ValueTask RejectTooManyAsync(HttpContext http, CancellationToken ct)
    {
        var text = http.RequestServices.GetRequiredService<IStringLocalizer>();
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = "60";
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(text["accounts.signin.limited"].Value, ct);
    }

    /// <summary>A return address only when it is a path on this site (never <c>//host</c> or <c>/\host</c>).</summary>
    public static string? LocalOrNull(string? url) =>
        url is { Length: > 0 and < 2048 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && TextInput.IsClean(url)
            ? url
            : null;

    private static IResult Back(string error, string? returnUrl) =>
        Results.LocalRedirect($"{SignInPath}?error={error}" + (returnUrl is null ? "" : "&returnUrl=" + Uri.EscapeDataString(returnUrl)));

    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<CareDeskUser>().HashPassword(new CareDeskUser(), Guid.NewGuid().ToString()));
}
