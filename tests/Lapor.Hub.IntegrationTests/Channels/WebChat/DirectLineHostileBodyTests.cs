using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Lapor.Hub.Tests.Channels.WebChat;

/// <summary>
/// Found by the fuzz harness: JSON that parses but holds a string no .NET string can hold (invalid UTF-8, half a surrogate
/// pair) threw wherever it was first read and answered 500. Such an activity is refused with 400 at the door.
/// </summary>
[Collection(WebChatHostCollection.Name)]
public sealed class DirectLineHostileBodyTests(WebChatHostFixture fixture)
{
    public static TheoryData<string> Bodies() => new()
    {
        """{"type":"message","text":"lampu \ud800 mati"}""",
        """{"type":"message","text":"lampu mati","from":{"name":"Warga","nick":"\udfff"}}""",
        """{"type":"message","text":"lampu mati","\ud800":1}""",
        """{"type":"message","text":"INVALID_UTF8 lampu mati"}""",
        """{"type":"message","text":"lampu mati","from":{"id":"a","id":"b"}}""",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task An_activity_with_a_string_no_client_could_mean_is_refused_with_400(string json)
    {
        var conversation = await fixture.Client.StartConversationAsync();
        // 0x93 alone is not UTF-8 (a Windows-1252 quote mark pasted as is).
        byte[] bytes = [.. Encoding.UTF8.GetBytes(json.Replace("INVALID_UTF8", "!", StringComparison.Ordinal))
            .Select(b => b == (byte)'!' ? (byte)0x93 : b)];
        using var content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

        using var response = await fixture.Client.SendAsync(HttpMethod.Post,
            $"/v3/directline/conversations/{conversation.ConversationId}/activities", conversation.Token, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
