using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Lapor.Hub.Web.Operators;

/// <summary>
/// The key that admin and agency API calls present as "Authorization: Bearer …" until the console
/// brings accounts and roles. Compared in constant time.
/// </summary>
public sealed class OperatorKey(string key)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    public bool IsPresentedBy(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
               && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), _key);
    }

    /// <summary>Uses the configured key, or a random one kept in the data directory so it survives restarts.</summary>
    public static OperatorKey FromConfigurationOrFile(string? configured, string keyFile, out bool generated)
    {
        generated = false;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new OperatorKey(configured.Trim());
        }

        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            var fresh = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            File.WriteAllText(keyFile, fresh);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            generated = true;
        }

        return new OperatorKey(File.ReadAllText(keyFile).Trim());
    }
}

/// <summary>Admin-only endpoints: a signed-in admin or supervisor, or a machine client with the operator key.</summary>
public sealed class RequireAdminFilter(OperatorKey key) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        if (key.IsPresentedBy(context.HttpContext) || Privacy.AccountViewer.IsAdmin(user))
        {
            return next(context);
        }

        var signedIn = user.Identity?.IsAuthenticated == true;
        return ValueTask.FromResult<object?>(Results.Problem(
            statusCode: signedIn ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
            title: signedIn ? "Admins only" : "Sign-in required",
            detail: "Admin actions need an admin account, or 'Authorization: Bearer <operator key>'."));
    }
}
