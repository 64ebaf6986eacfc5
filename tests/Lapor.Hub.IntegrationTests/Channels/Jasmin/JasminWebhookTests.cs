using System.Net;
using System.Text;
using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Sms.Jasmin;
using Lapor.Hub.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.Jasmin;

/// <summary>
/// What the hub does with calls to its Jasmin URLs that are forged, malformed, oversized or repeated, and with long
/// messages: refused before anything is stored, or acknowledged and handled exactly once.
/// </summary>
public sealed class JasminWebhookTests(JasminHub hub) : IClassFixture<JasminHub>
{
    private IGrainFactory Grains => hub.Services.GetRequiredService<IGrainFactory>();

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("jasmin-shared-secret-0123456788", HttpStatusCode.Forbidden)]
    [InlineData("jasmin", HttpStatusCode.Forbidden)]
    public async Task A_message_or_receipt_without_the_right_secret_is_refused_and_nothing_is_recorded(string? secret, HttpStatusCode expected)
    {
        var phone = $"62812999{Random.Shared.Next(10000, 99999)}";
        var query = secret is null ? "" : $"?secret={secret}";
        using var message = await hub.Jasmin.PostMessageAsync(new Uri(hub.Settings.BaseAddress, JasminOptions.MoPath + query),
            hub.NextMessageId(), phone, "Jalan rusak parah di depan rumah saya"u8.ToArray());
        using var receipt = await hub.Public.PostAsync(JasminOptions.DlrPath + query + (query.Length == 0 ? "?" : "&") + $"to={phone}",
            Form(("id", Guid.NewGuid().ToString()), ("message_status", "DELIVRD"), ("level", "2")));

        Assert.Equal(expected, message.StatusCode);
        Assert.Equal(expected, receipt.StatusCode);
        Assert.Equal(0, (await Grains.GetInbox(new ChannelAddress("sms", phone)).GetStatus()).RememberedMessageIds);
    }

    [Fact]
    public async Task The_secret_may_come_in_a_header_set_by_a_proxy()
    {
        const string phone = "6281299900001";
        using var request = new HttpRequestMessage(HttpMethod.Post, JasminOptions.MoPath)
        {
            Content = Form(("id", hub.NextMessageId()), ("from", phone), ("to", "1708"), ("content", "INFO"), ("binary", Convert.ToHexString("INFO"u8))),
        };
        request.Headers.Add(JasminOptions.SecretHeader, JasminHub.Secret);

        using var response = await hub.Public.SendAsync(request);

        Assert.True(await FakeJasmin.IsAcknowledgedAsync(response));
        Assert.Equal(1, (await Grains.GetInbox(new ChannelAddress("sms", phone)).GetStatus()).RememberedMessageIds);
    }

    [Fact]
    public async Task A_connector_set_to_get_delivers_the_message_in_the_query()
    {
        const string phone = "6281299900007";
        var id = hub.NextMessageId();

        using var response = await hub.Public.GetAsync(
            $"{JasminOptions.MoPath}?secret={JasminHub.Secret}&id={id}&from=%2B{phone}&to=1708&origin-connector=smsc&content=INFO&binary=494e464f&coding=0");

        Assert.True(await FakeJasmin.IsAcknowledgedAsync(response));
        Assert.Equal(1, (await Grains.GetInbox(new ChannelAddress("sms", phone)).GetStatus()).RememberedMessageIds);
    }

    public static TheoryData<string, string> MalformedMessages => new()
    {
        { "no id", "from=6281299900002&to=1708&content=Halo&binary=48616c6f" },
        { "from is no phone number", "id=m-1&from=Jasmin&to=1708&content=Halo&binary=48616c6f" },
        { "binary is not hex", "id=m-2&from=6281299900002&to=1708&content=Halo&binary=zz61" },
        { "coding is not a number", "id=m-3&from=6281299900002&to=1708&content=Halo&binary=48616c6f&coding=gsm" },
        { "no content at all", "id=m-4&from=6281299900002&to=1708" },
        { "a field twice", "id=m-5&id=m-6&from=6281299900002&to=1708&content=Halo" },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public async Task A_malformed_message_is_refused_with_400_and_nothing_is_recorded(string why, string body)
    {
        using var response = await hub.Public.PostAsync(MoUrl, new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
        Assert.Equal(0, (await Grains.GetInbox(new ChannelAddress("sms", "6281299900002")).GetStatus()).RememberedMessageIds);
    }

    [Fact]
    public async Task A_json_body_an_oversized_body_and_a_receipt_without_status_are_refused()
    {
        using var json = await hub.Public.PostAsync(MoUrl, new StringContent("{\"id\":\"x\",\"from\":\"6281299900003\",\"content\":\"Halo\"}", Encoding.UTF8, "application/json"));
        var huge = "id=m-big&from=6281299900003&content=" + new string('a', 200 * 1024);
        using var oversized = await hub.Public.PostAsync(MoUrl, new StringContent(huge, Encoding.ASCII, "application/x-www-form-urlencoded"));
        using var receipt = await hub.Public.PostAsync($"{JasminOptions.DlrPath}?secret={JasminHub.Secret}", Form(("id", "abc"), ("level", "2")));

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, receipt.StatusCode);
        Assert.Equal(0, (await Grains.GetInbox(new ChannelAddress("sms", "6281299900003")).GetStatus()).RememberedMessageIds);
    }

    [Fact]
    public async Task A_redelivered_message_is_acknowledged_again_and_files_one_report()
    {
        const string phone = "6281299900004";
        var (id, _, lastMessageId) = await hub.FileBySmsAsync(phone, "Saluran air tersumbat di Jl. Manyar Kertoarjo, banjir setiap hujan turun");
        var inbox = Grains.GetInbox(new ChannelAddress("sms", phone));
        var remembered = (await inbox.GetStatus()).RememberedMessageIds;

        // Jasmin throws the same SMS-MO again when it missed the acknowledgement.
        await hub.TextAsync(phone, "kirim", id: lastMessageId);
        var before = hub.Jasmin.Sends.Count;
        await hub.TextAsync(phone, "laporan saya");
        var list = await hub.Jasmin.SentAsync(phone, send => JasminHub.TrackingIdPattern().IsMatch(send.Text), after: before, waitingFor: "listing the reports");

        Assert.Equal(remembered + 1, (await inbox.GetStatus()).RememberedMessageIds);
        Assert.Equal([id], JasminHub.TrackingIdPattern().Matches(list.Text).Select(m => m.Value).Distinct());
    }

    [Fact]
    public async Task A_long_message_jasmin_joined_arrives_whole()
    {
        const string phone = "6281299900005";
        var description = string.Join(' ', Enumerable.Repeat("Trotoar di Jl. Darmo rusak dan berlubang, pejalan kaki terpaksa turun ke jalan.", 4));
        Assert.True(description.Length > 160);

        var (id, _, _) = await hub.FileBySmsAsync(phone, description);

        var report = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.StartsWith(description, report.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parts_of_a_long_message_passed_on_separately_are_joined_in_order_once_all_are_here()
    {
        const string phone = "6281299900006";
        const string first = "Pohon tumbang menutup jalan di Jl. Raya Gubeng dekat stasiun, ";
        const string second = "kendaraan tidak bisa lewat sejak pagi tadi";
        var (part1, part2) = (hub.NextMessageId(), hub.NextMessageId());

        var (id, _, _) = await hub.FileBySmsAsync(phone, async () =>
        {
            // Out of order, and the second part thrown twice: still one message.
            await hub.SendMoAsync(phone, Part(0x2A, 2, 2, second), coding: 0, part2);
            await hub.SendMoAsync(phone, Part(0x2A, 2, 1, first), coding: 0, part1);
            return await hub.SendMoAsync(phone, Part(0x2A, 2, 2, second), coding: 0, part2);
        });

        var report = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.StartsWith(first + second, report.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static Uri MoUrl => new($"{JasminOptions.MoPath}?secret={JasminHub.Secret}", UriKind.Relative);

    /// <summary>A concatenated SMS part as the SMSC hands it over: the 8-bit reference UDH, then the part's text in the default alphabet.</summary>
    private static byte[] Part(byte reference, byte total, byte sequence, string text) =>
        [0x05, 0x00, 0x03, reference, total, sequence, .. Encoding.ASCII.GetBytes(text)];

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));
}
