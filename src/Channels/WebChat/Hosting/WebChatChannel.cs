using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Reports;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>Web chat as a channel: Direct Line 3.0 endpoints in, <see cref="WebChatSender"/> out, no provider limits to pace.</summary>
public sealed class WebChatChannel : IChannelAdapter
{
    public string Name => ChannelNames.Web;

    public ChannelPacing Pacing => ChannelPacing.Unlimited;

    /// <summary>
    /// Without <c>WebChat:TokenSigningKey</c> the generated key goes where the nodes of a cluster keep what they share
    /// (<c>DataProtection:KeysDirectory</c>, ADR 33), else into the data directory: a token issued by one node must be
    /// honoured by the node the next request lands on.
    /// </summary>
    public void AddServices(IServiceCollection services, ChannelHostContext context) =>
        services.AddWebChat(context.Configuration,
            context.Configuration["DataProtection:KeysDirectory"] is { Length: > 0 } shared ? shared : context.DataDirectory);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapDirectLine();
}
