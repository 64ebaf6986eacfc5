using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lapor.Hub.Tracking;

/// <summary>Writes the display form "ABCD-EFGH-JKM"; reads anything <see cref="TrackingId.Parse"/> accepts.</summary>
public sealed class TrackingIdJsonConverter : JsonConverter<TrackingId>
{
    public override TrackingId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"A tracking ID must be a JSON string, not {reader.TokenType}.");
        try
        {
            return TrackingId.Parse(reader.GetString()!);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, TrackingId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToDisplayString());
}
