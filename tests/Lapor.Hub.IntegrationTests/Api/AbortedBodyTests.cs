using System.Net.Sockets;
using System.Text;
using Lapor.Hub.Channels.Telegram;
using Lapor.Hub.Tests.Channels.Flow;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Tests.Api;

/// <summary>The hub with Telegram on, keeping every log entry, and logging each finished request (to know when one is over).</summary>
public sealed class RequestLoggingTelegramHub : TelegramHub
{
    public RecordingLogger Log { get; } = new();

    protected override IReadOnlyList<string> MoreArguments =>
        ["--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information"];

    protected override void ReplaceServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(new Provider(Log));

    private sealed class Provider(RecordingLogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}

/// <summary>
/// A client that hangs up halfway through sending its body did so itself: the hub must not log that as its own failure
/// (an Error, "unhandled exception"), which would page an operator for every dropped mobile connection.
/// </summary>
public sealed class AbortedBodyTests(RequestLoggingTelegramHub hub) : IClassFixture<RequestLoggingTelegramHub>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public enum HangUp
    {
        /// <summary>The client closes its socket (FIN): the hub reads the end of the stream before the announced length.</summary>
        Close,

        /// <summary>The client resets the connection (RST) while the hub waits for the rest of the body.</summary>
        Reset,
    }

    // Many at once: the hub learns of a reset twice, as a failed read and as the request's abort, and under load the
    // failed read can arrive first; one hang-up alone almost never shows that.
    private const int HangUpsAtOnce = 50;

    [Theory]
    [InlineData(HangUp.Close)]
    [InlineData(HangUp.Reset)]
    public async Task Reports_whose_bodies_stop_halfway_are_not_logged_as_errors(HangUp hangUp)
    {
        await HangUpManyAsync(hangUp, "/api/reports", [], "{\"text\":\"Sampah menumpuk di depan SD Negeri 3 sudah dua minggu");

        Assert.Empty(Errors());
        using var afterwards = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report());
        Assert.Equal(System.Net.HttpStatusCode.Created, afterwards.StatusCode);
    }

    [Theory]
    [InlineData(HangUp.Close)]
    [InlineData(HangUp.Reset)]
    public async Task Telegram_updates_whose_bodies_stop_halfway_are_not_logged_as_errors(HangUp hangUp)
    {
        await HangUpManyAsync(hangUp, TelegramOptions.WebhookPath, [$"{TelegramOptions.SecretTokenHeader}: {TelegramHub.Secret}"],
            "{\"update_id\":8801,\"message\":{\"message_id\":1,\"date\":1767225600,\"chat\":{\"id\":880");

        Assert.Empty(Errors());
    }

    private IEnumerable<string> Errors() =>
        hub.Log.Entries.Where(entry => entry.Level >= LogLevel.Error).Select(entry => $"{entry.Message} {entry.Exception?.GetType().Name}: {entry.Exception?.Message}");

    private Task HangUpManyAsync(HangUp hangUp, string path, IReadOnlyList<string> headers, string part) =>
        Task.WhenAll(Enumerable.Range(0, HangUpsAtOnce).Select(_ => Task.Run(() => SendHalfABodyAndHangUpAsync(hangUp, path, headers, part))));

    /// <summary>
    /// Sends the headers announcing a body far longer than <paramref name="part"/>, then <paramref name="part"/>, and once
    /// the hub has begun the request, hangs up; waits until the hub finished that request.
    /// </summary>
    private async Task SendHalfABodyAndHangUpAsync(HangUp hangUp, string path, IReadOnlyList<string> headers, string part)
    {
        // The query marks this request, to tell its log entries from the others'.
        var query = $"?hang-up={Guid.NewGuid():N}";
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync("127.0.0.1", hub.Settings.HttpPort);
            var head = new StringBuilder()
                .Append($"POST {path}{query} HTTP/1.1\r\nHost: 127.0.0.1:{hub.Settings.HttpPort}\r\nContent-Type: application/json\r\n")
                .Append("Content-Length: 4000\r\n");
            foreach (var header in headers)
            {
                head.Append(header).Append("\r\n");
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
            await socket.SendAsync(Encoding.UTF8.GetBytes(part));
            // A reset discards what the hub has not read yet: wait until it is inside the request, reading the body.
            await WaitUntilAsync(() => Logged("Request starting", path, query), $"The hub never began the request to {path}");
            if (hangUp == HangUp.Reset)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                socket.Shutdown(SocketShutdown.Both);
            }
        }

        await WaitUntilAsync(() => Logged("Request finished", path, query), $"The hub never finished the aborted request to {path}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    /// <summary>Whether ASP.NET Core's hosting logged "Request starting" or "Request finished" for this request.</summary>
    private bool Logged(string kind, string path, string query) => hub.Log.Entries.Any(entry =>
        entry.Properties.TryGetValue("{OriginalFormat}", out var format) && format is string text
        && text.StartsWith(kind, StringComparison.Ordinal)
        && entry.Properties.TryGetValue("Path", out var requestPath) && Equals(requestPath?.ToString(), path)
        && entry.Properties.TryGetValue("QueryString", out var requestQuery) && Equals(requestQuery?.ToString(), query));
}
