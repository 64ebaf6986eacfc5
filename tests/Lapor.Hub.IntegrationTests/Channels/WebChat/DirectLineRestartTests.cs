using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Channels.WebChat;

public sealed class DirectLineRestartTests
{
    [Fact]
    public async Task Activities_and_tokens_survive_a_restart_and_watermarks_keep_counting_up()
    {
        using var data = new TemporaryDirectory("lapor-webchat-restart");
        // No configured key: the generated one in the data directory must carry over too.
        var settings = new Dictionary<string, string?> { ["WebChat:TokenSigningKey"] = "" };
        StartedConversation conversation;
        string before;
        await using (var first = await WebChatTestHost.StartAsync(data.Path, settings))
        {
            var client = new DirectLineTestClient(first.CreateClient());
            conversation = await client.StartConversationAsync();
            await client.PostMessageAsync(conversation, "sebelum restart");
            before = (await client.GetActivitiesAsync(conversation)).ToJsonString();
        }

        await using var second = await WebChatTestHost.StartAsync(data.Path, settings);
        var restarted = new DirectLineTestClient(second.CreateClient());

        var after = await restarted.GetActivitiesAsync(conversation);
        Assert.Equal(before, after.ToJsonString());
        var id = await restarted.PostMessageAsync(conversation, "sesudah restart");
        Assert.Equal($"{conversation.ConversationId}|0000003", id);
        var newer = await restarted.GetActivitiesAsync(conversation, "2");
        Assert.Equal(["sesudah restart", "Anda menulis: sesudah restart"],
            newer["activities"]!.AsArray().Select(activity => (string)activity!["text"]!));
    }
}
