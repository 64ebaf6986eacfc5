using System.Net;
using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Lapor.Hub.Tests.Channels.Media;

/// <summary>A report's photos follow the report's viewer rules, over real HTTP on the real hub.</summary>
public sealed class ReportMediaAccessTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    private const string Agency = "PEMKOT-3578";

    [Fact]
    public async Task A_photo_of_a_secret_report_is_not_served_to_the_public_only_privately_to_its_reporter_and_the_admins()
    {
        var photo = await StorePhotoAsync();
        var filed = await FileAsync(secret: true, photo.Id);

        using var anyone = await hub.Public.GetAsync($"/media/{photo.Id}");
        Assert.Equal(HttpStatusCode.NotFound, anyone.StatusCode);

        using var reporter = await GetAsync($"/media/{photo.Id}", ("X-Reporter-Key", filed.ReporterKey!));
        Assert.Equal(HttpStatusCode.OK, reporter.StatusCode);
        Assert.Equal("image/png", reporter.Content.Headers.ContentType?.MediaType);
        AssertPrivate(reporter);

        using var admin = await hub.Operator.GetAsync($"/media/{photo.Id}");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        AssertPrivate(admin);

        using var wrongKey = await GetAsync($"/media/{photo.Id}", ("X-Reporter-Key", "bukan-kunci"));
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.StatusCode);
    }

    [Fact]
    public async Task The_tracking_page_gives_the_reporter_of_a_secret_report_links_that_open_its_photo_and_nothing_else()
    {
        var photo = await StorePhotoAsync();
        var other = await StorePhotoAsync();
        var filed = await FileAsync(secret: true, photo.Id);
        await FileAsync(secret: true, other.Id);

        var page = await TrackingPageAsync(filed);

        var link = System.Text.RegularExpressions.Regex.Match(page, $"src=\"(/media/{photo.Id}\\?grant=[^\"]+)\"");
        Assert.True(link.Success, "the tracking page shows the photo");
        using var served = await hub.Public.GetAsync(WebUtility.HtmlDecode(link.Groups[1].Value));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        AssertPrivate(served);
        var grant = WebUtility.HtmlDecode(link.Groups[1].Value).Split("?")[1];
        using var borrowed = await hub.Public.GetAsync($"/media/{other.Id}?{grant}");
        Assert.Equal(HttpStatusCode.NotFound, borrowed.StatusCode);
    }

    [Fact]
    public async Task A_photo_of_a_report_is_public_only_once_the_report_is_published()
    {
        var photo = await StorePhotoAsync();
        var filed = await FileAsync(secret: false, photo.Id);

        using var beforeForwarding = await hub.Public.GetAsync($"/media/{photo.Id}");
        Assert.Equal(HttpStatusCode.NotFound, beforeForwarding.StatusCode);

        using var forwarded = await hub.Operator.PostAsync($"/api/reports/{filed.Report.TrackingId}/forward",
            System.Net.Http.Json.JsonContent.Create(new { categoryCode = "LINGKUNGAN-KEHUTANAN", agencyCode = Agency }));
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        using var published = await hub.Public.GetAsync($"/media/{photo.Id}");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.True(published.Headers.CacheControl?.Public);
        Assert.DoesNotContain("immutable", published.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task An_upload_no_report_claimed_is_swept_away_after_its_lifetime_and_a_claimed_one_is_kept()
    {
        var claimed = await StorePhotoAsync();
        var unclaimed = await StorePhotoAsync();
        await FileAsync(secret: true, claimed.Id);
        using (var beforeSweep = await hub.Public.GetAsync($"/media/{unclaimed.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, beforeSweep.StatusCode); // its uploader can still see it
            AssertPrivate(beforeSweep);
        }

        var sweeper = hub.Services.GetServices<IHostedService>().OfType<OrphanMediaSweeper>().Single();
        var deleted = await sweeper.SweepAsync(DateTimeOffset.UtcNow.AddMinutes(1), default);

        Assert.True(deleted >= 1);
        using var gone = await hub.Public.GetAsync($"/media/{unclaimed.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Null(await Store.OpenPublicAsync(unclaimed.Id, default));
        using var kept = await hub.Operator.GetAsync($"/media/{claimed.Id}");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task A_file_of_a_secret_report_sent_into_web_chat_opens_from_the_chat_but_not_from_its_plain_address()
    {
        var photo = await StorePhotoAsync();
        await FileAsync(secret: true, photo.Id);
        var chat = new WebChat.DirectLineTestClient(hub.Public);
        var conversation = await chat.StartConversationAsync();

        // What the web chat sender does with a follow-up that carries a photo.
        await hub.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<Lapor.Hub.Channels.WebChat.IDirectLineConversationGrain>(conversation.ConversationId)
            .AppendBotMessageAsync(new OutboundMessage("Tindak lanjut dengan foto.", Media: [photo]));

        var activity = await chat.WaitForActivityAsync(conversation, a => (string?)a["text"] == "Tindak lanjut dengan foto.");
        var contentUrl = new Uri((string)activity["attachments"]![0]!["contentUrl"]!);
        Assert.Equal(hub.Settings.BaseAddress.Authority, contentUrl.Authority);
        using var fromChat = await hub.Public.GetAsync(contentUrl);
        Assert.Equal(HttpStatusCode.OK, fromChat.StatusCode);
        AssertPrivate(fromChat);
        using var plain = await hub.Public.GetAsync($"/media/{photo.Id}");
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
    }

    private IMediaStore Store => hub.Services.GetRequiredService<IMediaStore>();

    private static void AssertPrivate(HttpResponseMessage response)
    {
        Assert.True(response.Headers.CacheControl?.Private, "a file whose access was checked is not for shared caches");
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    private async Task<MediaFile> StorePhotoAsync()
    {
        using var image = new Image<Rgba32>(8, 8, new Rgba32(10, 120, 40));
        using var buffer = new MemoryStream();
        await image.SaveAsPngAsync(buffer);
        buffer.Position = 0;
        return await Store.SaveAsync(buffer, "image/png", "foto.png", default);
    }

    /// <summary>Files as a chat conversation does once the citizen confirms: through the filing grain, with the stored media's ids.</summary>
    private async Task<FiledReport> FileAsync(bool secret, string mediaId)
    {
        var address = "test-" + Guid.NewGuid().ToString("N");
        var submission = new ReportSubmission(
            "Jalan berlubang besar di depan pasar, sudah dua motor jatuh minggu ini.", "Jalan berlubang", null, "35.78",
            IsAnonymous: false, IsSecret: secret, "web", address, "Siti", [mediaId]);
        // The conversation's own filing key: only a chat's conversation may file a report carrying its address (ADR 0010).
        return await hub.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IReportFilingGrain>($"web:{address}:{Guid.NewGuid():N}").File(submission);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, (string Name, string Value) header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(header.Name, header.Value);
        return await hub.Public.SendAsync(request);
    }

    /// <summary>The tracking page as the reporter sees it after typing the tracking ID and their key.</summary>
    private async Task<string> TrackingPageAsync(FiledReport filed)
    {
        using var visitor = new Console.ConsoleClient(hub.Settings.BaseAddress);
        using var response = await visitor.PostFormAsync("/lacak", "/lacak",
            new Dictionary<string, string> { ["id"] = filed.Report.TrackingId, ["reporterKey"] = filed.ReporterKey! });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
