using System.Text;
using Lapor.Hub.Storage;

namespace Lapor.Hub.Tests.Storage;

public sealed class HubGrainStateSerializerTests
{
    private readonly HubGrainStateSerializer _serializer = new();

    [Fact]
    public void State_is_plain_json_with_enum_names_and_no_type_names()
    {
        var json = Encoding.UTF8.GetString(_serializer.Serialize(new ProbeState { Entries = ["a"], Colour = ProbeColour.Green }).ToArray());

        Assert.Equal("""{"entries":["a"],"colour":"Green"}""", json);
    }

    [Fact]
    public void Added_and_removed_properties_are_tolerated()
    {
        var payload = BinaryData.FromString("""{"entries":["a"],"colour":"Red","removedSinceThen":{"x":1}}""");

        var state = _serializer.Deserialize<ExtendedProbeState>(payload)!;

        Assert.Equal(["a"], state.Entries);
        Assert.Equal(ProbeColour.Red, state.Colour);
        Assert.Equal("default", state.AddedSinceThen);
    }

    [Fact]
    public void Properties_with_private_setters_round_trip()
    {
        var payload = _serializer.Serialize(PrivatelySetState.Create("filed"));

        Assert.Equal("filed", _serializer.Deserialize<PrivatelySetState>(payload)!.Status);
    }

    public sealed class ExtendedProbeState
    {
        public List<string> Entries { get; set; } = [];
        public ProbeColour Colour { get; set; }
        public string AddedSinceThen { get; set; } = "default";
    }

    public sealed class PrivatelySetState
    {
        public string Status { get; private set; } = "";

        public static PrivatelySetState Create(string status) => new() { Status = status };
    }
}
