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
public sealed class CircuitRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, AccountsOptions options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval =>
        options.StampValidationInterval < TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) : options.StampValidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
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
