using System.Net;
using Lapor.Hub.Channels.WebChat;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Tests.Channels.WebChat;

[Collection(WebChatHostCollection.Name)]
public sealed class DirectLineTokenTests(WebChatHostFixture fixture)
{
    private DirectLineTestClient Client => fixture.Client;

    [Fact]
    public async Task Generate_binds_a_signed_30_minute_token_to_a_new_conversation_and_user()
    {
        var generated = await Client.GenerateTokenAsync();

        Assert.Equal(["conversationId", "token", "expires_in", "resume"], generated.Select(property => property.Key));
        Assert.InRange((int)generated["expires_in"]!, 1790, 1800);
        var claims = DirectLineTestClient.ClaimsOf((string)generated["token"]!);
        Assert.Equal((string)generated["conversationId"]!, (string)claims["conv"]!);
        Assert.StartsWith("dl_", (string)claims["user"]!);
    }

    [Fact]
    public async Task Refresh_gives_a_new_token_for_the_same_conversation_and_user()
    {
        var conversation = await Client.StartConversationAsync();
        await Task.Delay(1100); // tokens carry whole seconds: a second later the new one must differ

        using var response = await Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", conversation.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refreshed = await DirectLineTestClient.ReadObjectAsync(response);
        var token = (string)refreshed["token"]!;
        Assert.NotEqual(conversation.Token, token);
        Assert.Equal(conversation.ConversationId, (string)refreshed["conversationId"]!);
        Assert.Equal(conversation.UserId, DirectLineTestClient.UserIdIn(token));
        using var withNewToken = await Client.SendAsync(HttpMethod.Get, ActivitiesPath(conversation.ConversationId), token);
        Assert.Equal(HttpStatusCode.OK, withNewToken.StatusCode);
    }

    [Fact]
    public async Task The_browser_resumes_its_conversation_with_its_resume_secret_after_the_token_expired()
    {
        var generated = await Client.GenerateTokenAsync();
        var resume = (string)generated["resume"]!;
        var conversationId = (string)generated["conversationId"]!;
        using var started = await Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", (string)generated["token"]!);
        var token = (string)(await DirectLineTestClient.ReadObjectAsync(started))["token"]!;
        var conversation = new StartedConversation(conversationId, token, "", DirectLineTestClient.UserIdIn(token));
        var id = await Client.PostMessageAsync(conversation, "Sampah menumpuk di pasar");
        var expired = TokenIssuedAt(DateTimeOffset.UtcNow.AddDays(-3), conversation);
        using var withExpired = await Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", expired);
        Assert.Equal(HttpStatusCode.Unauthorized, withExpired.StatusCode);

        using var resumed = await Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/resume", resume);

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var answer = await DirectLineTestClient.ReadObjectAsync(resumed);
        var fresh = (string)answer["token"]!;
        Assert.Equal(conversationId, (string)answer["conversationId"]!);
        Assert.Equal(conversation.UserId, DirectLineTestClient.UserIdIn(fresh));
        // As Web Chat reconnects with a conversation id: a streamUrl, and the transcript from the start.
        using var reconnect = await Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=", fresh);
        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        Assert.Contains("/stream?t=", (string)(await DirectLineTestClient.ReadObjectAsync(reconnect))["streamUrl"]!);
        var transcript = await Client.GetActivitiesAsync(conversation with { Token = fresh });
        Assert.Contains(transcript["activities"]!.AsArray(), activity => (string?)activity!["id"] == id);
    }

    [Fact]
    public async Task Knowing_a_conversation_id_does_not_resume_it_only_its_signed_secret_does()
    {
        var mine = await Client.GenerateTokenAsync();
        var theirs = await Client.GenerateTokenAsync();
        var myParts = ((string)mine["resume"]!).Split('.');
        // Their conversation's claims under my secret's signature: a forgery.
        var forged = $"{myParts[0]}.{((string)theirs["resume"]!).Split('.')[1]}.{myParts[2]}";

        using var withForgery = await Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/resume", forged);
        using var withToken = await Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/resume", (string)theirs["token"]!);
        using var withNothing = await Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/resume", token: null);
        using var secretAsToken = await Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", (string)mine["resume"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, withForgery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withNothing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, secretAsToken.StatusCode);
    }

    [Fact]
    public async Task A_missing_or_tampered_token_is_refused_with_401()
    {
        var conversation = await Client.StartConversationAsync();
        var other = await Client.StartConversationAsync();
        var parts = conversation.Token.Split('.');
        // The other conversation's claims under this token's signature: a forgery.
        var forged = $"{parts[0]}.{other.Token.Split('.')[1]}.{parts[2]}";

        using var missing = await Client.SendAsync(HttpMethod.Get, ActivitiesPath(conversation.ConversationId), token: null);
        using var tampered = await Client.SendAsync(HttpMethod.Get, ActivitiesPath(other.ConversationId), forged);
        using var garbage = await Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Contains("\"error\"", await tampered.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401_everywhere_even_for_refresh()
    {
        var conversation = await Client.StartConversationAsync();
        var expired = TokenIssuedAt(DateTimeOffset.UtcNow.AddMinutes(-31), conversation);

        using var activities = await Client.SendAsync(HttpMethod.Get, ActivitiesPath(conversation.ConversationId), expired);
        using var refresh = await Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", expired);
        using var start = await Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", expired);

        Assert.Equal(HttpStatusCode.Unauthorized, activities.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
        Assert.Contains("TokenExpired", await activities.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_valid_token_of_another_conversation_is_refused_with_403()
    {
        var mine = await Client.StartConversationAsync();
        var theirs = await Client.StartConversationAsync();

        using var read = await Client.SendAsync(HttpMethod.Get, ActivitiesPath(theirs.ConversationId), mine.Token);
        using var post = await Client.PostActivityAsync(theirs, DirectLineTestClient.Message(mine.UserId, "halo", "c1"), mine.Token);
        using var reconnect = await Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{theirs.ConversationId}", mine.Token);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
    }

    [Fact]
    public void A_token_signed_with_another_key_is_invalid()
    {
        using var folder = new TemporaryDirectory("lapor-token-key");
        var ours = Service(TokenSigningKey.FromConfigurationOrFile(null, folder.Path), TimeProvider.System);
        var theirs = Service(TokenSigningKey.FromConfigurationOrFile(new string('k', 40), folder.Path), TimeProvider.System);
        var issued = theirs.Issue("conversation", "dl_user");

        Assert.Equal(TokenValidation.Invalid, ours.Validate(issued.Text, out _));
        Assert.Equal(TokenValidation.Valid, ours.Validate(ours.Issue("conversation", "dl_user").Text, out var grant));
        Assert.Equal("conversation", grant!.ConversationId);
        Assert.True(File.Exists(Path.Combine(folder.Path, TokenSigningKey.FileName)), "the generated key is kept in the data directory");
        Assert.EndsWith(TokenSigningKey.FileName, TokenSigningKey.FromConfigurationOrFile(null, folder.Path).Source);
    }

    private static string ActivitiesPath(string conversationId) => $"/v3/directline/conversations/{conversationId}/activities";

    private static string TokenIssuedAt(DateTimeOffset issuedAt, StartedConversation conversation) =>
        Service(TokenSigningKey.FromConfigurationOrFile(WebChatTestHost.SigningKey, Path.GetTempPath()), new FixedTime(issuedAt))
            .Issue(conversation.ConversationId, conversation.UserId).Text;

    private static DirectLineTokenService Service(TokenSigningKey key, TimeProvider time) =>
        new(key, Options.Create(new WebChatOptions()), time);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
