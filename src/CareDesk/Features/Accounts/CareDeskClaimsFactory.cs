using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CareDesk.Features.Accounts;

/// <summary>The signed-in principal: name, the one role, the agency and the display names.</summary>
public sealed class CareDeskClaimsFactory(UserManager<CareDeskUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CareDeskUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CareDeskUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        if (user.Role is not null)
            id.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, user.Role));
        if (user.Agency is not null)
            id.AddClaim(new Claim(CareDeskClaims.Agency, user.Agency));
        id.AddClaim(new Claim(CareDeskClaims.DisplayNameAr, user.DisplayNameAr));
        id.AddClaim(new Claim(CareDeskClaims.DisplayNameEn, user.DisplayNameEn));
        return id;
    }
}
