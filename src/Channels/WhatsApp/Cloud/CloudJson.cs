using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lapor.Hub.Channels.WhatsApp.Cloud;

/// <summary>The Graph API's JSON: snake_case names, absent fields left out.</summary>
internal static class CloudJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
