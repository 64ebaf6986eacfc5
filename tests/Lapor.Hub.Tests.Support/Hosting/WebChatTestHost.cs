using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.WebChat;
using Lapor.Hub.Storage;
using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lapor.Hub.Tests.Channels.WebChat;

/// <summary>
/// Real Kestrel on a free loopback port, a real Orleans silo with the hub's SQLite grain storage in
/// <see cref="DataDirectory"/>, the Direct Line and media endpoints, the hub's static files, and
/// <see cref="EchoingInboundHandler"/> as the dialog. Stopping and starting again on the same directory is a restart.
/// </summary>
public sealed class WebChatTestHost : IAsyncDisposable
{
    /// <summary>The signing key tests configure, so they can forge tokens (expired ones, for instance) with it.</summary>
    public const string SigningKey = "test-direct-line-signing-key-0123456789abcdef";

    private readonly WebApplication _app;

    private WebChatTestHost(WebApplication app, string dataDirectory, int port)
    {
        _app = app;
        DataDirectory = dataDirectory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public EchoingInboundHandler Handler => Services.GetRequiredService<EchoingInboundHandler>();

    public static async Task<WebChatTestHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = HubWebRoot.Path,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        // As the hub: small bodies by default; the upload endpoint raises its own limit.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 256 * 1024);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WebChat:TokenSigningKey"] = SigningKey,
            ["WebChat:StreamKeepAliveInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests open many chats from one address; the rate-limit tests turn the limits back on.
            ["RateLimits:ChatStartsPerMinutePerAddress"] = "0",
            ["RateLimits:ChatTokensPerMinutePerConversation"] = "0",
            ["RateLimits:ChatUploadsPerMinutePerConversation"] = "0",
            ["RateLimits:ChatUploadsPerMinutePerAddress"] = "0",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort)
            .AddHubGrainStorage(new HubStorageOptions { DataDirectory = dataDirectory }));
        builder.Services
            .AddWebChat(builder.Configuration, dataDirectory)
            .AddMediaStore(builder.Configuration, dataDirectory)
            .AddSingleton<EchoingInboundHandler>()
            .AddSingleton<IInboundMessageHandler>(services => services.GetRequiredService<EchoingInboundHandler>());

        var app = builder.Build();
        app.UseWebSockets();
        app.UseCors();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapDirectLine();
        app.MapMedia();
        await app.StartAsync();
        return new WebChatTestHost(app, dataDirectory, port);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
