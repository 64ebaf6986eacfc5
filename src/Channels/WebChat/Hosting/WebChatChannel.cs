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

    public void AddServices(IServiceCollection services, ChannelHostContext context) =>
        services.AddWebChat(context.Configuration, context.DataDirectory);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapDirectLine();
}
