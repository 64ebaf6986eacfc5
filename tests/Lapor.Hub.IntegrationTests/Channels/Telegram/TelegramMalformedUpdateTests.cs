using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Lapor.Hub.Tests.Channels.Telegram;

/// <summary>
/// An update the hub cannot handle is answered 2xx and logged, never 5xx: Telegram redelivers anything else again and
/// again, a poison message that also holds back the chat's later updates. 5xx is kept for storage failures.
/// </summary>
public sealed class TelegramMalformedUpdateTests(TelegramHubFixture fixture) : IClassFixture<TelegramHubFixture>
{
    public static TheoryData<string> Malformed() => new()
    {
        // A message without its chat.
        """{"update_id": 9100001, "message": {"message_id": 1, "date": 1765000000, "text": "halo"}}""",
        // A callback query without its sender or message.
        """{"update_id": 9100002, "callback_query": {"id": "q1", "chat_instance": "1", "data": "ya"}}""",
        // A callback query whose message has no chat.
        """{"update_id": 9100003, "callback_query": {"id": "q2", "chat_instance": "1", "data": "ya", "message": {"message_id": 2, "date": 1765000000}}}""",
        // A date no calendar holds.
        """{"update_id": 9100004, "message": {"message_id": 3, "date": 99999999999999, "chat": {"id": 5, "type": "private"}, "text": "x"}}""",
        // A chat id that is not a number.
        """{"update_id": 9100005, "message": {"message_id": 4, "date": 1765000000, "chat": {"id": "lima", "type": "private"}}}""",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_update_gets_no_5xx_and_the_chat_keeps_being_served(string update)
    {
        using var webhook = fixture.Hub.Webhook();

        using var response = await webhook.PostAsync(Encoding.UTF8.GetBytes(update), TelegramTestHub.Secret);

        Assert.True((int)response.StatusCode < 500, $"Answered {(int)response.StatusCode}: Telegram would deliver it again and again.");
        var chat = TelegramHubFixture.NextId();
        var next = TelegramHubFixture.NextId();
        using var healthy = await webhook.PostAsync(Encoding.UTF8.GetBytes(TelegramUpdates.Text(next, "halo", chat)), TelegramTestHub.Secret);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        await fixture.Handler.WaitForAsync(next.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_message_without_a_chat_is_acknowledged_so_it_is_not_delivered_again()
    {
        using var webhook = fixture.Hub.Webhook();
        var update = new JsonObject
        {
            ["update_id"] = TelegramHubFixture.NextId(),
            ["message"] = new JsonObject { ["message_id"] = 7, ["date"] = 1765000000, ["text"] = "tanpa chat" },
        };

        using var response = await webhook.PostAsync(Encoding.UTF8.GetBytes(update.ToJsonString()), TelegramTestHub.Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
