using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Channels.WebChat;

/// <summary>One running <see cref="WebChatTestHost"/> shared by the protocol tests; each test opens its own conversation.</summary>
public sealed class WebChatHostFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new("lapor-webchat");

    public WebChatTestHost Host { get; private set; } = null!;

    public DirectLineTestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await WebChatTestHost.StartAsync(_data.Path);
        Client = new DirectLineTestClient(Host.CreateClient());
    }

    public async Task DisposeAsync()
    {
        Client.Http.Dispose();
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class WebChatHostCollection : ICollectionFixture<WebChatHostFixture>
{
    public const string Name = "Web chat host";
}
