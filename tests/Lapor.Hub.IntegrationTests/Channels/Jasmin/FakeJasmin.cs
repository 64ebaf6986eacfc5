using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Channels.Jasmin;

/// <summary>
/// A local Jasmin gateway on a free loopback port, speaking its HTTP API as documented (docs.jasminsms.com, "HTTP API") and as
/// its code does (jasmin/protocols/http/endpoints/send.py, jasmin/routing/throwers.py): POST /send answers
/// <c>Success "uuid"</c> or <c>Error "…"</c> with Jasmin's status codes and records every request; SMS-MO and delivery
/// receipts are posted to the hub as the deliverSmHttpThrower and DLRThrower post them, and count as delivered only when
/// the hub answers 200 with exactly <c>ACK/Jasmin</c>.
/// </summary>
public sealed class FakeJasmin : IAsyncDisposable
{
    public const string Username = "lapor";
    public const string Password = "jasmin-pw";

    private readonly ConcurrentQueue<JasminSend> _sends = new();
    private readonly ConcurrentQueue<(int Status, string Body)> _failures = new();
    private LoopbackServer _server = null!;

    private FakeJasmin()
    {
    }
    private readonly HttpClient _thrower = new();

    public Uri SendUrl => new(_server.BaseUrl, "send");

    /// <summary>Every /send request, in arrival order, with what Jasmin answered.</summary>
    public IReadOnlyList<JasminSend> Sends => [.. _sends];

    public static async Task<FakeJasmin> StartAsync()
    {
        var jasmin = new FakeJasmin();
        jasmin._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapMethods("/send", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)jasmin.SendAsync);
        });
        return jasmin;
    }

    /// <summary>The next <paramref name="count"/> sends get this answer instead of Success (e.g. 500, <c>Error "Cannot send submit_sm…"</c>).</summary>
    public void FailNextSends(int count, int status, string body)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue((status, body));
        }
    }

    /// <summary>Posts an SMS-MO as the deliverSmHttpThrower does: form fields, <c>content</c> as raw bytes, <c>binary</c> hexlified.</summary>
    public async Task<HttpResponseMessage> PostMessageAsync(Uri connectorUrl, string id, string from, byte[] shortMessage, int coding = 0, string to = "1708")
    {
        var fields = new List<(string, byte[])>
        {
            ("id", Encoding.ASCII.GetBytes(id)),
            ("from", Encoding.ASCII.GetBytes(from)),
            ("to", Encoding.ASCII.GetBytes(to)),
            ("origin-connector", "smsc-telkomsel"u8.ToArray()),
            ("content", shortMessage),
            ("binary", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(shortMessage))),
            ("priority", "1"u8.ToArray()),
            ("coding", Encoding.ASCII.GetBytes(coding.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        };
        return await ThrowAsync(connectorUrl, fields, "deliverSmHttpThrower");
    }

    /// <summary>Posts a delivery receipt for <paramref name="send"/> to the dlr-url it carried, as the DLRThrower does.</summary>
    public async Task<HttpResponseMessage> PostReceiptAsync(JasminSend send, int level, string messageStatus, string err = "000")
    {
        var fields = new List<(string, byte[])>
        {
            ("id", Encoding.ASCII.GetBytes(send.MessageId!)),
            ("level", Encoding.ASCII.GetBytes(level.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            ("message_status", Encoding.ASCII.GetBytes(messageStatus)),
            ("connector", "smsc-telkomsel"u8.ToArray()),
        };
        if (level is 2 or 3)
        {
            fields.AddRange(
            [
                ("id_smsc", "2567"u8.ToArray()), ("sub", "001"u8.ToArray()), ("dlvrd", "001"u8.ToArray()),
                ("subdate", "2612062338"u8.ToArray()), ("donedate", "2612062339"u8.ToArray()),
                ("err", Encoding.ASCII.GetBytes(err)), ("text", Encoding.UTF8.GetBytes(send.Text[..Math.Min(20, send.Text.Length)])),
            ]);
        }

        return await ThrowAsync(new Uri(send.Fields["dlr-url"]), fields, "DLRThrower");
    }

    /// <summary>Whether the hub acknowledged a call the way Jasmin requires; anything else and Jasmin would throw it again.</summary>
    public static async Task<bool> IsAcknowledgedAsync(HttpResponseMessage response) =>
        (int)response.StatusCode == 200 && (await response.Content.ReadAsStringAsync()).Trim() == "ACK/Jasmin";

    /// <summary>Waits for a send to <paramref name="digits"/> after the first <paramref name="after"/> sends that satisfies <paramref name="match"/>.</summary>
    public async Task<JasminSend> SentAsync(string digits, Func<JasminSend, bool> match, int after = 0, string? waitingFor = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (Sends.Skip(after).FirstOrDefault(send => send.To == digits && send.MessageId is not null && match(send)) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"No SMS to {digits} {waitingFor}. Sent: {string.Join(" | ", Sends.Skip(after).Select(send => send.Text))}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _thrower.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<HttpResponseMessage> ThrowAsync(Uri url, IEnumerable<(string Name, byte[] Value)> fields, string thrower)
    {
        // Python's urlencode: quote_plus of each value's bytes, whatever encoding they are in.
        var body = string.Join('&', fields.Select(field => $"{field.Name}={QuotePlus(field.Value)}"));
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.ASCII) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.TryAddWithoutValidation("User-Agent", $"Jasmin gateway/1.0 {thrower}");
        request.Headers.Accept.ParseAdd("text/plain");
        return await _thrower.SendAsync(request);
    }

    private static string QuotePlus(byte[] value)
    {
        var quoted = new StringBuilder();
        foreach (var b in value)
        {
            quoted.Append(b switch
            {
                (byte)' ' => "+",
                _ when char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'.' or (byte)'-' or (byte)'~' => ((char)b).ToString(),
                _ => $"%{b:X2}",
            });
        }

        return quoted.ToString();
    }

    private async Task<IResult> SendAsync(HttpContext http)
    {
        var fields = HttpMethods.IsGet(http.Request.Method)
            ? http.Request.Query.ToDictionary(field => field.Key, field => field.Value.ToString())
            : (await http.Request.ReadFormAsync()).ToDictionary(field => field.Key, field => field.Value.ToString());
        var (status, body) = Answer(fields);
        if (status == 200 && _failures.TryDequeue(out var failure))
        {
            (status, body) = failure;
        }

        var messageId = status == 200 ? body[9..^1] : null;
        _sends.Enqueue(new JasminSend(fields, status, messageId));
        return Results.Text(body, "text/plain", Encoding.UTF8, status);
    }

    private static (int Status, string Body) Answer(Dictionary<string, string> fields)
    {
        if (!fields.ContainsKey("username") || !fields.ContainsKey("password") || !fields.ContainsKey("to")
            || !(fields.ContainsKey("content") || fields.ContainsKey("hex-content")))
        {
            return (400, "Error \"Mandatory arguments not found, please refer to the HTTPAPI specifications.\"");
        }

        if (fields["username"] != Username || fields["password"] != Password)
        {
            return (403, $"Error \"Authentication failure for username:{fields["username"]}\"");
        }

        if (fields.GetValueOrDefault("dlr") == "yes" && !fields.GetValueOrDefault("dlr-url", "").StartsWith("http", StringComparison.Ordinal))
        {
            return (400, "Error \"Argument dlr-url has an invalid value.\"");
        }

        return (200, $"Success \"{Guid.NewGuid()}\"");
    }
}

/// <summary>One /send request as Jasmin received it, and the message id it answered (null when it refused).</summary>
public sealed record JasminSend(IReadOnlyDictionary<string, string> Fields, int Status, string? MessageId)
{
    public string To => Fields.GetValueOrDefault("to", "");

    public string Coding => Fields.GetValueOrDefault("coding", "0");

    /// <summary>The text as the phone shows it: content for coding 0, hex-content read as UCS-2 for coding 8.</summary>
    public string Text => Fields.TryGetValue("hex-content", out var hex)
        ? Encoding.BigEndianUnicode.GetString(Convert.FromHexString(hex))
        : Fields.GetValueOrDefault("content", "");
}
