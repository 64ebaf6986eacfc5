using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.WebChat;

internal static class ActivityEndpoints
{
    public static void MapActivityEndpoints(this RouteGroupBuilder directLine)
    {
        directLine.MapGet("/conversations/{conversationId}/activities", GetAsync);
        directLine.MapPost("/conversations/{conversationId}/activities", PostAsync);
    }

    /// <summary>Polling: the activities after the watermark, as an ActivitySet.</summary>
    private static async Task<IResult> GetAsync(
        string conversationId, string? watermark, HttpContext context, DirectLineTokenService tokens, IGrainFactory grains)
    {
        if (DirectLineAuthorization.Authorize(context, tokens, conversationId, out _) is { } refused)
        {
            return refused;
        }

        if (!Watermarks.TryParse(watermark, out var after))
        {
            return DirectLineResults.BadRequest(Watermarks.Invalid);
        }

        var page = await grains.GetGrain<IDirectLineConversationGrain>(conversationId).GetActivitiesAsync(after);
        return Results.Bytes(ActivityJson.ActivitySet(page.Activities, page.Watermark), "application/json");
    }

    private static async Task<IResult> PostAsync(
        string conversationId, HttpContext context, DirectLineTokenService tokens, UserActivityProcessor processor, IOptions<WebChatOptions> options)
    {
        if (DirectLineAuthorization.Authorize(context, tokens, conversationId, out var grant) is { } refused)
        {
            return refused;
        }

        var body = await BoundedBody.ReadAsync(context.Request.Body, options.Value.MaxActivityBytes, context.RequestAborted);
        if (UserActivityReader.Read(body, grant, options.Value, attachmentsAllowed: false, out var error) is not { } activity)
        {
            return DirectLineResults.BadRequest(error!);
        }

        return Answer(await processor.PostAsync(conversationId, activity, media: null));
    }

    /// <summary><c>{"id": …}</c>; 502 like Direct Line's "BotError" when the hub could not take the message (it is kept, and echoed).</summary>
    internal static IResult Answer(PostedActivity posted) =>
        posted.HandedOver
            ? DirectLineResults.Ok(new ResourceResponse(posted.Id))
            : DirectLineResults.Error(StatusCodes.Status502BadGateway, "BotError", "The message was stored but the hub could not process it; send it again.");
}
