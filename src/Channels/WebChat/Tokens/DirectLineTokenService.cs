using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>
/// Issues and checks Direct Line tokens. A token is a JWT signed with HMAC-SHA256 whose <c>user</c> claim Web Chat
/// reads as the user's id (see its <c>rectifyUserID</c>); <c>conv</c> binds it to one conversation.
/// </summary>
public sealed class DirectLineTokenService(TokenSigningKey key, IOptions<WebChatOptions> options, TimeProvider time)
{
    /// <summary>Longer "tokens" are refused before any work is done on them.</summary>
    public const int MaxTokenLength = 2048;

    private const string ResumePrefix = "resume1";

    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    public IssuedToken Issue(string conversationId, string userId)
    {
        var now = time.GetUtcNow();
        var grant = new DirectLineToken(conversationId, userId, now, now + options.Value.TokenLifetime);
        var claims = new TokenClaims(grant.ConversationId, grant.UserId, grant.IssuedAt.ToUnixTimeSeconds(), grant.ExpiresAt.ToUnixTimeSeconds());
        var signingInput = $"{EncodedHeader}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        return new IssuedToken($"{signingInput}.{Base64Url.EncodeToString(Sign(signingInput))}", grant);
    }

    /// <summary>A fresh token for the same conversation and user.</summary>
    public IssuedToken Renew(DirectLineToken grant) => Issue(grant.ConversationId, grant.UserId);

    public TokenValidation Validate(string? token, out DirectLineToken? grant)
    {
        grant = null;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return TokenValidation.Invalid;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != EncodedHeader || !Base64Url.IsValid(parts[1]) || !Base64Url.IsValid(parts[2]))
        {
            return TokenValidation.Invalid;
        }

        var expected = Sign($"{parts[0]}.{parts[1]}");
        if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2])))
        {
            return TokenValidation.Invalid;
        }

        TokenClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize<TokenClaims>(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (JsonException)
        {
            return TokenValidation.Invalid;
        }

        if (claims is not { Conversation.Length: > 0, User.Length: > 0 })
        {
            return TokenValidation.Invalid;
        }

        grant = new DirectLineToken(
            claims.Conversation, claims.User,
            DateTimeOffset.FromUnixTimeSeconds(claims.IssuedAt), DateTimeOffset.FromUnixTimeSeconds(claims.ExpiresAt));
        return grant.ExpiresAt <= time.GetUtcNow() ? TokenValidation.Expired : TokenValidation.Valid;
    }

    /// <summary>
    /// The long-lived secret a browser keeps to take its conversation up again after its token expired (see
    /// docs/decisions/0014-web-chat-resumes.md): the conversation and user, signed with the token key under a separate
    /// purpose, so it is never taken as a Direct Line token nor forged from a conversation id.
    /// </summary>
    public string ResumeSecretFor(DirectLineToken grant)
    {
        var payload = $"{ResumePrefix}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new ResumeClaims(grant.ConversationId, grant.UserId)))}";
        return $"{payload}.{Base64Url.EncodeToString(Sign(payload))}";
    }

    /// <summary>A fresh token for the conversation a resume secret names; null for anything not issued by us.</summary>
    public IssuedToken? Resume(string? secret)
    {
        var parts = secret is { Length: > 0 and <= MaxTokenLength } ? secret.Split('.') : [];
        if (parts.Length != 3 || parts[0] != ResumePrefix || !Base64Url.IsValid(parts[1]) || !Base64Url.IsValid(parts[2])
            || !CryptographicOperations.FixedTimeEquals(Sign($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2])))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ResumeClaims>(Base64Url.DecodeFromChars(parts[1])) is { Conversation.Length: > 0, User.Length: > 0 } claims
                ? Issue(claims.Conversation, claims.User)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private byte[] Sign(string signingInput) => HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes(signingInput));

    private sealed record TokenClaims(
        [property: JsonPropertyName("conv")] string Conversation,
        [property: JsonPropertyName("user")] string User,
        [property: JsonPropertyName("iat")] long IssuedAt,
        [property: JsonPropertyName("exp")] long ExpiresAt);

    private sealed record ResumeClaims(
        [property: JsonPropertyName("conv")] string Conversation,
        [property: JsonPropertyName("user")] string User);
}
