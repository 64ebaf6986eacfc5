using System.Text.Json;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Lapor.Hub.Tests.Tracking;

public class TrackingIdSerializationTests
{
    private sealed record ReportLink(TrackingId Id);

    [Fact]
    public void Json_shows_the_display_form_and_round_trips()
    {
        var id = TrackingId.Parse("ABCDEFGHJKS");

        var json = JsonSerializer.Serialize(new ReportLink(id));

        Assert.Equal("""{"Id":"ABCD-EFGH-JKS"}""", json);
        Assert.Equal(id, JsonSerializer.Deserialize<ReportLink>(json)!.Id);
    }

    [Theory]
    [InlineData("""{"Id":"ABCDEFGHJKS"}""")]
    [InlineData("""{"Id":"abcd efgh jks"}""")]
    public void Json_reads_any_accepted_spelling(string json) =>
        Assert.Equal(TrackingId.Parse("ABCDEFGHJKS"), JsonSerializer.Deserialize<ReportLink>(json)!.Id);

    [Theory]
    [InlineData("""{"Id":"ABCD-EFGH-JKT"}""")]
    [InlineData("""{"Id":42}""")]
    [InlineData("""{"Id":null}""")]
    public void Json_refuses_invalid_ids(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ReportLink>(json));

    [Fact]
    public void Orleans_serializer_round_trips_new_and_default_ids()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var id = TrackingId.NewId();

        Assert.Equal(id, serializer.Deserialize<TrackingId>(serializer.SerializeToArray(id)));
        Assert.Equal(default, serializer.Deserialize<TrackingId>(serializer.SerializeToArray(default(TrackingId))));
    }
}
