using Microsoft.AspNetCore.Identity;

namespace Lapor.Hub.Web.Accounts;

public enum SignInOutcome
{
    SignedIn,
    Failed,
    LockedOut,
}

/// <summary>
/// Password sign-in that tells an attacker nothing: an unknown user name costs the same password hashing as a wrong
/// password, and failures shut out only the address they came from (<see cref="SignInThrottle"/>), not the account.
/// </summary>
public sealed class HubSignIn(SignInManager<HubUser> signIn, IPasswordHasher<HubUser> hasher, SignInThrottle throttle)
{
    /// <summary>A hash of a random password, made once, checked against whatever an unknown user typed.</summary>
    private static string? unknownUserHash;

    public async Task<SignInOutcome> PasswordSignInAsync(string userName, string password, string client)
    {
        if (throttle.IsShutOut(userName, client))
        {
            return SignInOutcome.LockedOut;
        }

        var user = await signIn.UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            // The same work as checking a real password, so timing does not reveal which names exist.
            hasher.VerifyHashedPassword(new HubUser(), UnknownUserHash(), password);
            throttle.RecordFailure(userName, client);
            return SignInOutcome.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.Forget(userName, client);
            return SignInOutcome.SignedIn;
        }

        if (result.IsLockedOut)
        {
            return SignInOutcome.LockedOut;
        }

        throttle.RecordFailure(userName, client);
        return SignInOutcome.Failed;
    }

    private string UnknownUserHash() =>
        unknownUserHash ??= hasher.HashPassword(new HubUser(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
}
