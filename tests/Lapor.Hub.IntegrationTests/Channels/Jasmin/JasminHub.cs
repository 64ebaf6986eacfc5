using System.Text;
using System.Text.RegularExpressions;
using Lapor.Hub.Channels.Sms.Jasmin;
using Lapor.Hub.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.Jasmin;

/// <summary>The whole hub with SMS carried by a local <see cref="FakeJasmin"/>, and a citizen's phone on the far side of it.</summary>
public partial class JasminHub : InProcessHub
{
    public const string Secret = "jasmin-shared-secret-0123456789";
    private int _messages;

    public FakeJasmin Jasmin { get; private set; } = null!;

    /// <summary>The URL Jasmin's HTTP client connector is configured with.</summary>
    public Uri ConnectorUrl => new(Settings.BaseAddress, $"{JasminOptions.MoPath}?secret={Secret}");

    protected override async Task<IReadOnlyList<string>> ExtraArgumentsAsync()
    {
        Jasmin = await FakeJasmin.StartAsync();
        return
        [
            "--Sms:Provider=Jasmin",
            "--Sms:PublicBaseUrl=https://lapor.example.go.id",
            $"--Sms:Jasmin:SendUrl={Jasmin.SendUrl}",
            $"--Sms:Jasmin:Username={FakeJasmin.Username}",
            $"--Sms:Jasmin:Password={FakeJasmin.Password}",
            "--Sms:Jasmin:From=1708",
            $"--Sms:Jasmin:InboundSecret={Secret}",
            // Replaced by the hub's own address once it is known (see ReplaceServices).
            "--Sms:Jasmin:PublicBaseUrl=http://127.0.0.1:1",
            "--Sms:Jasmin:PerChatInterval=00:00:00",
            "--Outbox:FirstRetryDelay=00:00:00.200",
            "--Outbox:MaxRetryDelay=00:00:01",
        ];
    }

    protected override void ReplaceServices(IServiceCollection services) =>
        services.PostConfigure<JasminOptions>(options => options.PublicBaseUrl = Settings.BaseAddress.ToString());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Jasmin.DisposeAsync();
    }

    /// <summary>A fresh Jasmin message id, as its UUIDs are.</summary>
    public string NextMessageId() => $"{Guid.NewGuid()}-{Interlocked.Increment(ref _messages)}";

    /// <summary>Texts the hub from <paramref name="phone"/> (GSM text, coding 0); asserts Jasmin got its acknowledgement. Returns the message id.</summary>
    public Task<string> TextAsync(string phone, string text, string? id = null) =>
        SendMoAsync(phone, Encoding.ASCII.GetBytes(text), coding: 0, id);

    /// <summary>An SMS-MO with these bytes in this coding (8: UCS-2 big-endian); asserts Jasmin got its acknowledgement.</summary>
    public async Task<string> SendMoAsync(string phone, byte[] shortMessage, int coding, string? id = null)
    {
        id ??= NextMessageId();
        using var response = await Jasmin.PostMessageAsync(ConnectorUrl, id, phone, shortMessage, coding);
        Assert.True(await FakeJasmin.IsAcknowledgedAsync(response), $"The hub answered {(int)response.StatusCode} to an SMS-MO.");
        return id;
    }

    /// <summary>Files a report by SMS as a citizen on a basic phone does: one message; returns the tracking ID its reply carries, and the reply.</summary>
    public Task<(string TrackingId, JasminSend Reply, string LastMessageId)> FileBySmsAsync(string phone, string description) =>
        FileBySmsAsync(phone, () => TextAsync(phone, description));

    /// <summary>As above, with the description sent by <paramref name="describe"/> (UCS-2, in parts…), which returns its last message id.</summary>
    public async Task<(string TrackingId, JasminSend Reply, string LastMessageId)> FileBySmsAsync(string phone, Func<Task<string>> describe)
    {
        // A phone number as the gateway may give it ("+62…"); replies go to its digits.
        var before = Jasmin.Sends.Count;
        var last = await describe();
        var reply = await Jasmin.SentAsync(phone.TrimStart('+'), send => TrackingIdPattern().IsMatch(send.Text),
            after: before, waitingFor: "carrying a tracking ID");
        return (TrackingIdPattern().Match(reply.Text).Value, reply, last);
    }

    [GeneratedRegex("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{3}")]
    public static partial Regex TrackingIdPattern();
}
