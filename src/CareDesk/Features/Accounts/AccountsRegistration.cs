using System.Threading.RateLimiting;
using CareDesk.Data;
using CareDesk.Features.Admin;
using CareDesk.Features.Audit;
using CareDesk.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace CareDesk.Features.Accounts;

public static class AccountsRegistration
{
    /// <summary>Which roles each policy admits; a liaison must also carry an agency.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> PolicyRoles = new Dictionary<string, string[]>
    {
        [Policies.ReadKnowledge] = [Roles.Agent, Roles.Liaison, Roles.Editor, Roles.Reviewer, Roles.Supervisor],
        [Policies.AnswerCallers] = [Roles.Agent, Roles.Supervisor],
        [Policies.ReadTickets] = [Roles.Agent, Roles.Liaison, Roles.Supervisor],
        [Policies.WorkTickets] = [Roles.Liaison, Roles.Supervisor],
        [Policies.EditKnowledge] = [Roles.Editor],
        [Policies.ReviewKnowledge] = [Roles.Reviewer],
        [Policies.ViewReports] = [Roles.Supervisor, Roles.Admin],
        [Policies.RevealPersonalData] = [Roles.Agent, Roles.Liaison, Roles.Supervisor],
        [Policies.Administer] = [Roles.Admin],
    };

    public const string SignInRateLimit = "signin";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var options = AccountsOptions.Read(builder.Configuration, builder.Environment);
        var services = builder.Services;
        services.AddSingleton(options);

        builder.Logging.AddConsoleFormatter<RedactingConsoleFormatter, ConsoleFormatterOptions>();
        builder.Logging.AddConsole(o => o.FormatterName = RedactingConsoleFormatter.Name);

        services.AddAccountsCore(options);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = options.StampValidationInterval);

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "CareDesk.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = options.CookieLifetime;
            o.SlidingExpiration = true;
            o.LoginPath = "/account/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/account/denied";
            o.ReturnUrlParameter = "returnUrl";
        });

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, CircuitRevalidation>();

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInPermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (context, ct) => SignInEndpoints.RejectTooManyAsync(context.HttpContext, ct);
        });

        services.AddSingleton<DemoUsers>();
        services.AddSingleton<IStartupStep>(sp => sp.GetRequiredService<DemoUsers>());
        services.AddSingleton<IBannerLine>(sp => sp.GetRequiredService<DemoUsers>());
        return builder;
    }

    /// <summary>
    /// Identity over the Dapper store, the policies, the audit log, masking and user administration:
    /// everything but the web host's cookies, middleware and endpoints (tests build this alone).
    /// </summary>
    public static IServiceCollection AddAccountsCore(this IServiceCollection services, AccountsOptions options)
    {
        services.AddIdentityCore<CareDeskUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = options.LockoutMaxFailures;
                o.Lockout.DefaultLockoutTimeSpan = options.LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 12;
                o.User.AllowedUserNameCharacters = AccountInput.UserNameCharacters;
            })
            .AddUserStore<UserStore>()
            .AddClaimsPrincipalFactory<CareDeskClaimsFactory>()
            .AddSignInManager();
        services.TryAddScoped<ISecurityStampValidator, SecurityStampValidator<CareDeskUser>>();

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (policy, roles) in PolicyRoles)
        {
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles)
                .RequireAssertion(c => !c.User.IsInRole(Roles.Liaison) || c.User.HasClaim(x => x.Type == CareDeskClaims.Agency && x.Value.Length > 0)));
        }

        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddScoped<PersonalDataReveal>();
        services.AddScoped<UserAdmin>();
        return services;
    }

    /// <summary>HTTPS and HSTS (outside Development), security headers, authentication, authorization,
    /// the sign-in rate limit, and the accounts/audit endpoints. Call before <c>UseAntiforgery</c>.</summary>
    public static WebApplication UseAccounts(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapSignIn();
        app.MapAuditExport();
        app.MapEndpointList();
        return app;
    }
}
