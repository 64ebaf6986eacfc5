using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Tests.Channels.WebChat;

[Collection(WebChatHostCollection.Name)]
public sealed class DirectLineActivityTests(WebChatHostFixture fixture)
{
    private DirectLineTestClient Client => fixture.Client;

    [Fact]
    public async Task A_posted_message_is_echoed_with_server_id_and_timestamp_and_the_client_fields_intact()
    {
        var conversation = await Client.StartConversationAsync();
        var clientActivityId = DirectLineTestClient.NewClientActivityId();

        var id = await Client.PostMessageAsync(conversation, "Jalan berlubang di depan pasar", clientActivityId);

        var echo = await Client.WaitForActivityAsync(conversation, activity => (string?)activity["id"] == id);
        Assert.Equal($"{conversation.ConversationId}|0000001", id);
        Assert.Equal(clientActivityId, (string)echo["channelData"]!["clientActivityID"]!);
        Assert.Equal(conversation.UserId, (string)echo["from"]!["id"]!);
        Assert.Equal("Warga", (string)echo["from"]!["name"]!);
        Assert.Equal("user", (string)echo["from"]!["role"]!);
        Assert.Equal(conversation.ConversationId, (string)echo["conversation"]!["id"]!);
        Assert.True(DateTimeOffset.TryParse((string)echo["timestamp"]!, out var timestamp));
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task The_hub_reply_follows_with_suggested_actions_and_the_handler_got_the_message()
    {
        var conversation = await Client.StartConversationAsync();

        var id = await Client.PostMessageAsync(conversation, "Lampu jalan mati");

        var reply = await Client.WaitForActivityAsync(conversation, activity => (string?)activity["from"]?["id"] == "lapor-hub");
        Assert.Equal("Anda menulis: Lampu jalan mati", (string)reply["text"]!);
        Assert.Equal("LAPOR! Hub", (string)reply["from"]!["name"]!);
        var actions = reply["suggestedActions"]!["actions"]!.AsArray();
        Assert.Equal(["messageBack", "messageBack"], actions.Select(action => (string)action!["type"]!));
        Assert.Equal(["Ya, benar", "Tidak"], actions.Select(action => (string)action!["title"]!));
        Assert.Equal(["Ya, benar", "Tidak"], actions.Select(action => (string)action!["displayText"]!));
        Assert.Equal(["ya", "tidak"], actions.Select(action => (string)action!["text"]!));
        Assert.Equal(["ya", "tidak"], actions.Select(action => (string)action!["value"]!));

        var handled = fixture.Host.Handler.Find(id);
        Assert.NotNull(handled);
        Assert.Equal(new ChannelAddress("web", conversation.ConversationId), handled.From);
        Assert.Equal("Lampu jalan mati", handled.Text);
        Assert.Null(handled.ChoiceValue);
        Assert.Equal("id", handled.LanguageCode);
        Assert.Equal("Warga", handled.SenderName);
    }

    [Fact]
    public async Task Tapping_an_offered_choice_arrives_as_its_choice_value_with_the_text_kept()
    {
        var conversation = await Client.StartConversationAsync();
        var typedBeforeOffer = await Client.PostMessageAsync(conversation, "ya");
        await Client.WaitForActivityAsync(conversation, activity => (string?)activity["text"] == "Anda menulis: ya");

        var tapped = await Client.PostMessageAsync(conversation, "ya");

        Assert.Null(fixture.Host.Handler.Find(typedBeforeOffer)!.ChoiceValue);
        var choice = fixture.Host.Handler.Find(tapped)!;
        Assert.Equal("ya", choice.ChoiceValue);
        Assert.Equal("ya", choice.Text);
        await Client.WaitForActivityAsync(conversation, activity => (string?)activity["text"] == "Pilihan Anda: ya");
    }

    [Fact]
    public async Task Reading_from_a_watermark_returns_only_newer_activities_with_string_watermarks()
    {
        var conversation = await Client.StartConversationAsync();
        await Client.PostMessageAsync(conversation, "pertama");
        await Client.WaitForActivityAsync(conversation, activity => (string?)activity["text"] == "Anda menulis: pertama");

        var all = await Client.GetActivitiesAsync(conversation);
        var watermark = (string)all["watermark"]!;
        await Client.PostMessageAsync(conversation, "kedua");
        var newer = await Client.GetActivitiesAsync(conversation, watermark);

        Assert.Equal("2", watermark);
        Assert.Equal(2, all["activities"]!.AsArray().Count);
        Assert.Equal(["kedua", "Anda menulis: kedua"], newer["activities"]!.AsArray().Select(activity => (string)activity!["text"]!));
        Assert.Equal("4", (string)newer["watermark"]!);
        var nothingNew = await Client.GetActivitiesAsync(conversation, "4");
        Assert.Empty(nothingNew["activities"]!.AsArray());
        Assert.Equal("4", (string)nothingNew["watermark"]!);
    }

    [Fact]
    public async Task A_client_retry_with_the_same_client_activity_id_is_stored_and_handled_once()
    {
        var conversation = await Client.StartConversationAsync();
        var clientActivityId = DirectLineTestClient.NewClientActivityId();

        var first = await Client.PostMessageAsync(conversation, "Sampah menumpuk", clientActivityId);
        var retry = await Client.PostMessageAsync(conversation, "Sampah menumpuk", clientActivityId);

        Assert.Equal(first, retry);
        await Client.WaitForActivityAsync(conversation, activity => (string?)activity["text"] == "Anda menulis: Sampah menumpuk");
        var activities = (await Client.GetActivitiesAsync(conversation))["activities"]!.AsArray();
        Assert.Single(activities, activity => (string?)activity!["channelData"]?["clientActivityID"] == clientActivityId);
        Assert.Single(activities, activity => (string?)activity!["from"]?["id"] == "lapor-hub");
    }

    [Fact]
    public async Task When_the_handler_fails_the_message_is_kept_and_a_client_retry_hands_it_over_again()
    {
        var conversation = await Client.StartConversationAsync();
        var clientActivityId = DirectLineTestClient.NewClientActivityId();
        var message = DirectLineTestClient.Message(conversation.UserId, "Banjir di RT 05", clientActivityId);
        fixture.Host.Handler.FailNext(1);

        using var failed = await Client.PostActivityAsync(conversation, message);
        using var retried = await Client.PostActivityAsync(conversation, message);

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var id = (string)(await DirectLineTestClient.ReadObjectAsync(retried))["id"]!;
        Assert.Equal("Banjir di RT 05", fixture.Host.Handler.Find(id)?.Text);
        await Client.WaitForActivityAsync(conversation, activity => (string?)activity["text"] == "Anda menulis: Banjir di RT 05");
    }

    [Theory]
    [InlineData("id-ID", "Pesan Anda terlalu panjang (8000 karakter)", "paling banyak 4000 karakter")]
    [InlineData("en-US", "Your message is too long (8000 characters)", "at most 4000 characters")]
    public async Task Text_over_4000_characters_is_answered_in_the_chat_with_the_reason_in_the_citizens_language(
        string locale, string reasonStart, string limit)
    {
        var conversation = await Client.StartConversationAsync();

        using var response = await Client.PostActivityAsync(conversation,
            DirectLineTestClient.Message(conversation.UserId, new string('a', 8000), DirectLineTestClient.NewClientActivityId(), locale));

        // Taken (so Web Chat does not show "send failed" and retry the same refusal), answered, not handed to the dialog.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (string)(await DirectLineTestClient.ReadObjectAsync(response))["id"]!;
        var reply = await Client.WaitForActivityAsync(conversation, activity => (string?)activity["from"]?["id"] == "lapor-hub");
        Assert.StartsWith(reasonStart, (string)reply["text"]!);
        Assert.Contains(limit, (string)reply["text"]!);
        Assert.Null(fixture.Host.Handler.Find(id));
    }

    [Fact]
    public async Task A_shared_location_reaches_the_dialog_as_a_point()
    {
        var conversation = await Client.StartConversationAsync();
        var message = DirectLineTestClient.Message(conversation.UserId, "", DirectLineTestClient.NewClientActivityId());
        message["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "Place",
            ["geo"] = new JsonObject { ["type"] = "GeoCoordinates", ["latitude"] = -6.2, ["longitude"] = 106.816666 },
        });

        using var response = await Client.PostActivityAsync(conversation, message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var handled = fixture.Host.Handler.Find((string)(await DirectLineTestClient.ReadObjectAsync(response))["id"]!);
        Assert.Equal(new Lapor.Hub.Reports.GeoPoint(-6.2, 106.816666), handled?.Location);
        Assert.Null(handled?.Text);
    }

    [Fact]
    public async Task The_join_event_is_greeted_once_per_conversation_not_on_every_reconnect()
    {
        var conversation = await Client.StartConversationAsync();
        var join = new JsonObject
        {
            ["type"] = "event", ["name"] = "webchat/join", ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = conversation.UserId, ["role"] = "user" },
        };

        using var first = await Client.PostActivityAsync(conversation, join);
        using var again = await Client.PostActivityAsync(conversation, join.DeepClone().AsObject());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var greetings = fixture.Host.Handler.Handled.Where(message => message.From.Id == conversation.ConversationId).ToList();
        var greeting = Assert.Single(greetings);
        Assert.Equal("/start", greeting.Text);
        Assert.Equal("en", greeting.LanguageCode);
        // Events are not kept: the transcript holds only the hub's welcome.
        var activities = (await Client.GetActivitiesAsync(conversation))["activities"]!.AsArray();
        Assert.All(activities, activity => Assert.Equal("lapor-hub", (string?)activity!["from"]?["id"]));
    }

    [Fact]
    public async Task An_activity_larger_than_the_limit_or_not_an_activity_is_a_400()
    {
        var conversation = await Client.StartConversationAsync();
        var huge = DirectLineTestClient.Message(conversation.UserId, "x", "c-huge");
        huge["channelData"]!["padding"] = new string('p', 40 * 1024);

        using var tooLarge = await Client.PostActivityAsync(conversation, huge);
        using var noType = await Client.SendAsync(HttpMethod.Post,
            $"/v3/directline/conversations/{conversation.ConversationId}/activities", conversation.Token, JsonContent.Create(new JsonObject { ["text"] = "x" }));
        using var notJson = await Client.SendAsync(HttpMethod.Post,
            $"/v3/directline/conversations/{conversation.ConversationId}/activities", conversation.Token, new StringContent("halo"));

        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("larger than", await tooLarge.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }
}
