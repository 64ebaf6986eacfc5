using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Lapor.Hub.Tests.Channels.WebChat;

[Collection(WebChatHostCollection.Name)]
public sealed class DirectLineUploadTests(WebChatHostFixture fixture)
{
    private DirectLineTestClient Client => fixture.Client;

    [Fact]
    public async Task An_uploaded_photo_is_stored_and_the_echo_links_its_public_copy_on_the_hub()
    {
        var conversation = await Client.StartConversationAsync();
        var clientActivityId = DirectLineTestClient.NewClientActivityId();

        using var response = await UploadAsync(conversation, clientActivityId, ("foto-jalan.png", "image/png", Png()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (string)(await DirectLineTestClient.ReadObjectAsync(response))["id"]!;
        var echo = await Client.WaitForActivityAsync(conversation, activity => (string?)activity["id"] == id);
        Assert.Equal(clientActivityId, (string)echo["channelData"]!["clientActivityID"]!);
        var attachment = echo["attachments"]!.AsArray().Single()!;
        Assert.Equal("image/png", (string)attachment["contentType"]!);
        Assert.Equal("foto-jalan.png", (string)attachment["name"]!);
        var contentUrl = new Uri((string)attachment["contentUrl"]!);
        Assert.Equal(contentUrl.ToString(), (string)attachment["thumbnailUrl"]!);
        Assert.Equal(fixture.Host.BaseAddress.Authority, contentUrl.Authority);

        using var publicCopy = await Client.Http.GetAsync(contentUrl);
        Assert.Equal(HttpStatusCode.OK, publicCopy.StatusCode);
        Assert.Equal("image/png", publicCopy.Content.Headers.ContentType?.MediaType);

        var handled = fixture.Host.Handler.Find(id)!;
        var media = Assert.Single(handled.Media!);
        Assert.Equal("image/png", media.ContentType);
        Assert.EndsWith(media.Id, contentUrl.AbsolutePath);
        Assert.NotNull(await fixture.Host.Services.GetRequiredService<IMediaStore>().OpenPublicAsync(media.Id, default));
        await Client.WaitForActivityAsync(conversation, activity => (string?)activity["text"] == "Berkas diterima: 1");
    }

    [Fact]
    public async Task A_photo_larger_than_the_hosts_json_body_limit_still_uploads()
    {
        var conversation = await Client.StartConversationAsync();
        var photo = NoisyPng(400, 400);
        Assert.True(photo.Length > 256 * 1024, "the fixture must exceed the host's 256 KB request limit");

        using var response = await UploadAsync(conversation, "c-large", ("besar.png", "image/png", photo));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (string)(await DirectLineTestClient.ReadObjectAsync(response))["id"]!;
        Assert.Equal(photo.Length, Assert.Single(fixture.Host.Handler.Find(id)!.Media!).Length);
    }

    [Fact]
    public async Task A_file_that_is_not_an_accepted_type_is_a_400_with_the_reason()
    {
        var conversation = await Client.StartConversationAsync();

        using var response = await UploadAsync(conversation, "c-text", ("bukan-foto.jpg", "image/jpeg", Encoding.UTF8.GetBytes("hanya teks")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JPEG", await response.Content.ReadAsStringAsync());
        Assert.Empty((await Client.GetActivitiesAsync(conversation))["activities"]!.AsArray());
    }

    [Fact]
    public async Task An_uploaded_pdf_is_served_without_the_author_it_names()
    {
        var conversation = await Client.StartConversationAsync();
        var pdf = Media.TestPdf.WithAuthor();

        using var response = await UploadAsync(conversation, "c-pdf", ("surat.pdf", "application/pdf", pdf));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (string)(await DirectLineTestClient.ReadObjectAsync(response))["id"]!;
        var echo = await Client.WaitForActivityAsync(conversation, activity => (string?)activity["id"] == id);
        var contentUrl = new Uri((string)echo["attachments"]!.AsArray().Single()!["contentUrl"]!);
        using var served = await Client.Http.GetAsync(contentUrl);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/pdf", served.Content.Headers.ContentType?.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.False(Media.TestPdf.Contains(bytes, Media.TestPdf.NationalIdNumber), "the public copy still names the author");
        Assert.False(served.Headers.CacheControl?.Public ?? false, "an upload no report claimed yet is not for shared caches");
    }

    [Fact]
    public async Task A_small_png_of_seven_thousand_pixels_square_is_refused_before_it_is_decoded()
    {
        var conversation = await Client.StartConversationAsync();
        var bomb = DecompressionBombPng(7000, 7000);
        Assert.True(bomb.Length < 1024 * 1024, "the fixture must be a small file that decodes to hundreds of megabytes");

        using var response = await UploadAsync(conversation, "c-bomb", ("bom.png", "image/png", bomb));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reason = (string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!;
        Assert.Contains("Gambar terlalu besar", reason);
        Assert.Contains("7000×7000", reason);
        Assert.Empty((await Client.GetActivitiesAsync(conversation))["activities"]!.AsArray());
    }

    /// <summary>A valid black RGB PNG of <paramref name="width"/>×<paramref name="height"/>: all zero rows compress to almost nothing.</summary>
    private static byte[] DecompressionBombPng(int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)]; // filter byte "none", then black pixels
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>The multipart body DirectLineJS builds: the activity as a blob part named "activity", then one "file" part per file.</summary>
    private Task<HttpResponseMessage> UploadAsync(StartedConversation conversation, string clientActivityId, params (string Name, string Type, byte[] Bytes)[] files)
    {
        var activity = DirectLineTestClient.Message(conversation.UserId, "", clientActivityId);
        activity.Remove("text");
        var content = new MultipartFormDataContent();
        var activityPart = new StringContent(activity.ToJsonString(), Encoding.UTF8);
        activityPart.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        content.Add(activityPart, "activity", "blob");
        foreach (var (name, type, bytes) in files)
        {
            var filePart = new ByteArrayContent(bytes);
            filePart.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(filePart, "file", name);
        }

        return Client.SendAsync(HttpMethod.Post,
            $"/v3/directline/conversations/{conversation.ConversationId}/upload?userId={conversation.UserId}", conversation.Token, content);
    }

    private static byte[] NoisyPng(int width, int height)
    {
        var random = new Random(5);
        using var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (ref var pixel in rows.GetRowSpan(y))
                {
                    pixel = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                }
            }
        });
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        return buffer.ToArray();
    }

    private static byte[] Png()
    {
        using var image = new Image<Rgba32>(8, 8, new Rgba32(200, 30, 30));
        using var buffer = new MemoryStream();
        image.SaveAsPng(buffer);
        return buffer.ToArray();
    }
}
