using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Web.Accounts;

/// <summary>Puts the account's one role, its agency and its display name into the sign-in cookie.</summary>
public sealed class HubClaimsPrincipalFactory(UserManager<HubUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<HubUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HubUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        identity.AddClaim(new Claim(HubClaims.DisplayName, user.DisplayName));
        if (user.AgencyCode is { } agency)
        {
            identity.AddClaim(new Claim(HubClaims.Agency, agency));
        }

        return identity;
    }
}
