using CareDesk.Data;
using CareDesk.Features.Accounts;
using CareDesk.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace CareDesk.Features.Api;

/// <summary>
/// The HTTP API for telephony and the other channels: API-key authentication (a scheme only the API's
/// policies name), one policy per scope, a rate limit per key, an audit entry per call, the endpoints
/// and their OpenAPI document.
/// </summary>
public static class ApiRegistration
{
    public const string SearchPolicy = "api.search";
    public const string IntakePolicy = "api.intake";
    public const string StatusPolicy = "api.status";

    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(ApiOptions.Read(builder.Configuration));
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var (policy, scope) in new[] { (SearchPolicy, ApiScopes.Search), (IntakePolicy, ApiScopes.Intake), (StatusPolicy, ApiScopes.Status) })
        {
            authorization.AddPolicy(policy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthentication.ScopeClaim, scope));
        }
        services.AddRateLimiter(o => o.AddPolicy<string, ApiRateLimit>(ApiRateLimit.Name));
        services.AddSingleton<IStartupFilter, ApiAudit>();
        services.AddSingleton<DemoApiKey>();
        services.AddSingleton<IStartupStep>(sp => sp.GetRequiredService<DemoApiKey>());
        services.AddSingleton<IBannerLine>(sp => sp.GetRequiredService<DemoApiKey>());
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").DisableAntiforgery();
        api.MapGet("/faq/search", FaqSearchEndpoint.HandleAsync).RequireAuthorization(SearchPolicy).RequireRateLimiting(ApiRateLimit.Name);
        api.MapPost("/tickets", TicketEndpoints.OpenAsync).RequireAuthorization(IntakePolicy).RequireRateLimiting(ApiRateLimit.Name);
        api.MapGet("/tickets/{number}", TicketEndpoints.StatusAsync).RequireAuthorization(StatusPolicy).RequireRateLimiting(ApiRateLimit.Name);
        api.MapGet("/openapi.json", OpenApiDocument.Serve).AllowAnonymous();

        // The telephony screen-pop: a signed-in agent's browser opens the console with the caller filled.
        app.MapGet("/calls/new", (string? caller) => Results.LocalRedirect(
                string.IsNullOrWhiteSpace(caller) ? "/" : "/?caller=" + Uri.EscapeDataString(caller.Length > 40 ? caller[..40] : caller.Trim())))
            .RequireAuthorization(Policies.ReadKnowledge);
        return app;
    }
}
