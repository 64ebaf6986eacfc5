using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Lapor.Hub.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lapor.Hub.Tests.Console.SingleSignOn;

/// <summary>What the provider got at /authorize (OpenID Connect Core 1.0, 3.1.2.1).</summary>
public sealed record AuthorizationRequest(
    string ClientId, string RedirectUri, string ResponseType, string Scope, string State, string Nonce,
    string CodeChallenge, string CodeChallengeMethod, string ResponseMode);

/// <summary>How the next id_tokens are spoiled, as an attacker or a broken provider would.</summary>
public enum IdTokenTampering
{
    None,
    WrongNonce,
    SignedByAnotherKey,
}

/// <summary>
/// A local OpenID Provider on a free loopback port: Discovery 1.0 metadata, a JWKS with an RSA key made for this run,
/// the authorization code flow with PKCE (S256) answered with response_mode=form_post, RS256 id_tokens, and userinfo.
/// Whoever comes to /authorize is taken to be <see cref="SignedInAs"/>, as if they had just signed in there.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "lapor-hub";
    public const string ClientSecret = "rahasia-klien-uji-0123456789";

    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _foreignKey = RSA.Create(2048);
    private readonly string _keyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private readonly ConcurrentQueue<AuthorizationRequest> _authorizations = new();
    private readonly ConcurrentDictionary<string, (AuthorizationRequest Request, string UserName)> _codes = new();
    private readonly ConcurrentDictionary<string, string> _accessTokens = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private WebApplication _app = null!;
    private int _tokensIssued;
    private int _userInfoServed;

    public Uri Authority { get; private set; } = null!;

    public string SignedInAs { get; set; } = "";

    public IdTokenTampering Tampering { get; set; }

    /// <summary>
    /// Whether id_tokens also carry preferred_username (as Keycloak and Entra ID do); otherwise it comes only from
    /// userinfo, which is all OpenID Connect Core 5.4 promises for the profile scope in the code flow.
    /// </summary>
    public bool UserNameInIdToken { get; set; }

    public IReadOnlyList<AuthorizationRequest> Authorizations => [.. _authorizations];

    /// <summary>Token and userinfo requests the provider refused, with the reason.</summary>
    public IReadOnlyList<string> Refusals => [.. _refusals];

    public int TokensIssued => _tokensIssued;

    public int UserInfoServed => _userInfoServed;

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var provider = new FakeIdentityProvider();
        var builder = WebApplication.CreateSlimBuilder();
        provider.Authority = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        builder.WebHost.UseUrls(provider.Authority.ToString());
        builder.Logging.ClearProviders();
        provider._app = builder.Build();
        provider._app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        provider._app.MapGet("/jwks", provider.KeySet);
        provider._app.MapGet("/authorize", provider.Authorize);
        provider._app.MapPost("/token", provider.TokenAsync);
        provider._app.MapGet("/userinfo", provider.UserInfo);
        await provider._app.StartAsync();
        return provider;
    }

    private string Issuer => Authority.GetLeftPart(UriPartial.Authority);

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{Issuer}/authorize",
        ["token_endpoint"] = $"{Issuer}/token",
        ["userinfo_endpoint"] = $"{Issuer}/userinfo",
        ["jwks_uri"] = $"{Issuer}/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query", "form_post" },
        ["grant_types_supported"] = new[] { "authorization_code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["scopes_supported"] = new[] { "openid", "profile", "email" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["claims_supported"] = new[] { "sub", "iss", "aud", "exp", "iat", "nonce", "preferred_username", "name" },
    });

    private IResult KeySet()
    {
        var key = _key.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = _keyId, n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) },
            },
        });
    }

    private IResult Authorize(HttpRequest request)
    {
        string Field(string name) => request.Query[name].ToString();
        var authorization = new AuthorizationRequest(Field("client_id"), Field("redirect_uri"), Field("response_type"), Field("scope"),
            Field("state"), Field("nonce"), Field("code_challenge"), Field("code_challenge_method"), Field("response_mode"));
        _authorizations.Enqueue(authorization);
        if (authorization.ClientId != ClientId || authorization.ResponseType != "code" || authorization.CodeChallengeMethod != "S256"
            || !authorization.Scope.Split(' ').Contains("openid") || authorization.RedirectUri.Length == 0)
        {
            return Results.BadRequest("invalid_request");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = (authorization, SignedInAs);
        return authorization.ResponseMode == "form_post"
            ? Results.Content(AutoSubmittingForm(authorization.RedirectUri, code, authorization.State), "text/html")
            : Results.Redirect($"{authorization.RedirectUri}?code={code}&state={Uri.EscapeDataString(authorization.State)}");
    }

    /// <summary>OAuth 2.0 Form Post Response Mode: the page the browser submits to the client by itself.</summary>
    private static string AutoSubmittingForm(string redirectUri, string code, string state) =>
        $"""
        <html><body onload="document.forms[0].submit()">
        <form method="post" action="{WebUtility.HtmlEncode(redirectUri)}">
        <input type="hidden" name="code" value="{WebUtility.HtmlEncode(code)}" />
        <input type="hidden" name="state" value="{WebUtility.HtmlEncode(state)}" />
        </form></body></html>
        """;

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, clientSecret) = ClientCredentials(request, form);
        if (clientId != ClientId || clientSecret != ClientSecret)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "invalid_client");
        }

        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant))
        {
            return Refuse(StatusCodes.Status400BadRequest, "invalid_grant: unknown or used code");
        }

        if (form["redirect_uri"] != grant.Request.RedirectUri)
        {
            return Refuse(StatusCodes.Status400BadRequest, "invalid_grant: redirect_uri differs");
        }

        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (verifier.Length < 43 || challenge != grant.Request.CodeChallenge)
        {
            return Refuse(StatusCodes.Status400BadRequest, "invalid_grant: code_verifier does not match the code_challenge");
        }

        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _accessTokens[accessToken] = grant.UserName;
        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new
        {
            access_token = accessToken,
            token_type = "Bearer",
            expires_in = 300,
            id_token = IdToken(grant.Request, grant.UserName),
        });
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        return (form["client_id"], form["client_secret"]);
    }

    private string IdToken(AuthorizationRequest authorization, string userName)
    {
        var signingKey = Tampering == IdTokenTampering.SignedByAnotherKey ? _foreignKey : _key;
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = SubjectOf(userName),
            ["nonce"] = Tampering == IdTokenTampering.WrongNonce ? "nonce-of-another-sign-in" : authorization.Nonce,
        };
        if (UserNameInIdToken)
        {
            claims["preferred_username"] = userName;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = authorization.ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            // The same key id: a forged token points at the provider's real key.
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signingKey) { KeyId = _keyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    private IResult UserInfo(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header["Bearer ".Length..], out var userName))
        {
            return Refuse(StatusCodes.Status401Unauthorized, "invalid_token");
        }

        Interlocked.Increment(ref _userInfoServed);
        return Results.Json(new { sub = SubjectOf(userName), preferred_username = userName, name = $"Pegawai {userName}" });
    }

    private static string SubjectOf(string userName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userName)))[..24].ToLowerInvariant();

    private IResult Refuse(int status, string reason)
    {
        _refusals.Enqueue(reason);
        return Results.Json(new { error = reason.Split(':')[0], error_description = reason }, statusCode: status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
        _foreignKey.Dispose();
    }
}
