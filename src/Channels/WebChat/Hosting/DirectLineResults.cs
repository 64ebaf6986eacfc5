using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>Direct Line's JSON: camelCase, nulls left out, errors as <c>{"error":{"code","message"}}</c>.</summary>
internal static class DirectLineResults
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IResult Ok<T>(T value, int statusCode = StatusCodes.Status200OK) => Results.Json(value, Json, statusCode: statusCode);

    public static IResult Error(int statusCode, string code, string message) =>
        Results.Json(new ErrorResponse(new ErrorDetail(code, message)), Json, statusCode: statusCode);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, "BadArgument", message);
}

internal sealed record ErrorResponse(ErrorDetail Error);

internal sealed record ErrorDetail(string Code, string Message);

/// <summary>
/// What token and conversation calls answer. <c>expires_in</c> is the one snake_case name in Direct Line 3.0;
/// <c>resume</c> is ours: the secret the home page keeps to take the conversation up again after a reload.
/// </summary>
internal sealed record ConversationResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl = null,
    string? Resume = null);

/// <summary>The answer to a posted activity or upload.</summary>
internal sealed record ResourceResponse(string Id);
