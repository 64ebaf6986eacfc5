using System.Net;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Channels.Media;
using Lapor.Hub.Tests.Channels.Telegram;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.Flow;

/// <summary>
/// An agency's letter attached to a follow-up travels as a file, not as an address inside the text: the Telegram citizen
/// gets it as a document with the follow-up as its caption, and the file keeps the report's viewer rules.
/// </summary>
public sealed class FollowUpAttachmentFlowTests(TelegramHub hub) : IClassFixture<TelegramHub>
{
    private const string Agency = "PEMKOT-3578";
    private const string FollowUpText = "Surat jawaban dinas terlampir.";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_attachment_of_a_follow_up_to_a_secret_report_reaches_the_citizen_as_a_document_and_no_one_else()
    {
        const long chat = 7200001;
        var grains = hub.Services.GetRequiredService<IGrainFactory>();
        // Filed in the chat itself: a conversation hears only about the reports it filed (ADR 0010).
        var trackingId = await hub.FileInChatAsync(chat, firstUpdateId: 720_000,
            "Pungutan liar di loket pelayanan KTP kelurahan, diminta uang tambahan.", secret: true);
        using (var forwarded = await hub.Operator.PostJsonAsync($"/api/reports/{trackingId}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = Agency }))
        {
            Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        }

        var letter = await hub.Services.GetRequiredService<IMediaStore>()
            .SaveAsync(new MemoryStream(TestPdf.WithAuthor()), "application/pdf", "surat-dinas.pdf", default);

        // What the agency console posts when an officer attaches a file.
        await grains.GetReport(TrackingId.Parse(trackingId))
            .PostFollowUp(new PostFollowUp(Actor.Officer("dlh-1", Agency), FollowUpText, "test-follow-up", [letter.Id]));

        var sent = await SentAsync("sendDocument", chat);
        Assert.Contains(FollowUpText, sent.Parameters["caption"]);
        Assert.DoesNotContain("/media/", sent.Parameters["caption"]);
        Assert.False(TestPdf.Contains(sent.Attachment("document")!, TestPdf.NationalIdNumber), "the citizen gets the copy without metadata");

        var thread = await (await hub.Operator.GetAsync($"/api/reports/{trackingId}")).ReadJsonAsync();
        var followUp = thread.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "FollowUpPosted");
        Assert.Equal(FollowUpText, followUp.GetProperty("text").GetString());

        using var anyone = await hub.Public.GetAsync($"/media/{letter.Id}");
        Assert.Equal(HttpStatusCode.NotFound, anyone.StatusCode);
        using var admin = await hub.Operator.GetAsync($"/media/{letter.Id}");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    private async Task<FakeBotApiCall> SentAsync(string method, long chat)
    {
        var deadline = DateTime.UtcNow + Patience;
        var chatId = chat.ToString(System.Globalization.CultureInfo.InvariantCulture);
        while (true)
        {
            var call = hub.BotApi.CallsTo(method).FirstOrDefault(c => c.Succeeded && c.Parameters["chat_id"] == chatId);
            if (call is not null)
            {
                return call;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {method} to chat {chat} within {Patience}.");
            await Task.Delay(50);
        }
    }
}
