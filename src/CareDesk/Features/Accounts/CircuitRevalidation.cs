using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CareDesk.Features.Accounts;

/// <summary>
/// A live console (SignalR circuit) never sends the cookie again, so it re-checks the user's security
/// stamp on the same interval as the cookie: a role or password change, or a lock, ends the session
/// in open consoles too.
/// </summary>
/// <remarks>
/// A check the database cannot answer keeps the session as it was and is asked again next interval:
/// the base class signs the circuit out on any exception, which during a database outage would throw
/// every agent back to the sign-in page and lose what they had typed. A lock or role change cannot be
/// written while the database is away, so nothing it would have found is missed.
/// </remarks>
public sealed class CircuitRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, AccountsOptions options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<CircuitRevalidation>();

    protected override TimeSpan RevalidationInterval =>
        options.StampValidationInterval < TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) : options.StampValidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        try
        {
            return await StampStillValidAsync(state);
        }
        catch (Exception ex) when (CareDesk.Features.Health.DatabaseFailure.Classify(ex) is { } kind)
        {
            _logger.LogWarning("Session check for {User} postponed: database {Kind}", state.User.Identity?.Name, kind);
            return true;
        }
    }

    private async Task<bool> StampStillValidAsync(AuthenticationState state)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareDeskUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || user.IsLockedOut(DateTimeOffset.UtcNow))
            return false;
        var stampType = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        return state.User.FindFirstValue(stampType) == await users.GetSecurityStampAsync(user);
    }
}
