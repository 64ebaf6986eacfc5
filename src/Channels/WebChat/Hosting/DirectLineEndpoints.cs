using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Lapor.Hub.Channels.WebChat;

public static class DirectLineEndpoints
{
    public const string BasePath = "/v3/directline";

    /// <summary>The CORS policy <see cref="WebChatServiceCollectionExtensions.AddWebChat"/> registers for these endpoints.</summary>
    public const string CorsPolicyName = "DirectLine";

    /// <summary>
    /// Maps Direct Line 3.0 under <c>/v3/directline</c>: tokens, conversations, activities, upload and the WebSocket
    /// stream, as the unmodified Bot Framework Web Chat control calls them. Needs <c>app.UseWebSockets()</c> and
    /// <c>app.UseCors()</c> in the pipeline, and <c>AddWebChat</c> and <c>AddMediaStore</c> among the services.
    /// </summary>
    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var directLine = endpoints.MapGroup(BasePath).RequireCors(CorsPolicyName);
        directLine.MapTokenEndpoints();
        directLine.MapConversationEndpoints();
        directLine.MapActivityEndpoints();
        directLine.MapUploadEndpoint();
        directLine.MapStreamEndpoint();
        return endpoints;
    }
}
