using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Channels.Sms.Text;

/// <summary>An SMS ready to send and how it will travel; <see cref="SmsSegmentation.Segments"/> is never above <see cref="SmsReplyText.MaxSegments"/>.</summary>
public sealed record SmsReply(string Text, SmsSegmentation Segmentation)
{
    public int Segments => Segmentation.Segments;
}

/// <summary>
/// An outbound message as one SMS: choices as numbered lines (the citizen answers with the number), in GSM-7 where the text
/// allows, at most three parts. A longer text is cut at a word and ends with "..." and, for news about a report, the link to
/// its tracking page.
/// </summary>
public static class SmsReplyText
{
    public const int MaxSegments = 3;

    private const string Ellipsis = "...";

    /// <summary>The public tracking page (src/Web/Pages/Public/Track.cshtml) takes the ID as a query parameter.</summary>
    private const string TrackingPath = "/lacak?id=";

    public static string Fit(OutboundMessage message, string? publicBaseUrl) => Compose(message, publicBaseUrl).Text;

    public static SmsReply Compose(OutboundMessage message, string? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = Gsm7Transliteration.ToGsm7WherePossible(WithNumberedChoices(message));
        if (SmsSegments.Measure(text) is { Segments: <= MaxSegments } fits)
        {
            return new SmsReply(text, fits);
        }

        var shortened = TrackingLink(message.Notice, publicBaseUrl) is { } link && Shorten(text, $"{Ellipsis}\n{link}") is { } linked
            ? linked
            : Shorten(text, Ellipsis)!;
        return new SmsReply(shortened, SmsSegments.Measure(shortened));
    }

    private static string WithNumberedChoices(OutboundMessage message)
    {
        if (message.Choices is not { Count: > 0 } choices)
        {
            return message.Text;
        }

        var lines = choices.Select((choice, index) => $"{index + 1}. {choice.Label}");
        return message.Text.Length == 0 ? string.Join('\n', lines) : $"{message.Text}\n{string.Join('\n', lines)}";
    }

    private static string? TrackingLink(NoticeSummary? notice, string? publicBaseUrl)
    {
        if (notice is null || string.IsNullOrWhiteSpace(publicBaseUrl) || !TrackingId.TryParse(notice.TrackingId, out var id))
        {
            return null;
        }

        return Gsm7Transliteration.ToGsm7WherePossible($"{publicBaseUrl.Trim().TrimEnd('/')}{TrackingPath}{id.Value}");
    }

    /// <summary>The longest start of <paramref name="text"/>, cut at a word where one is near, that fits with the ending; null if the ending alone does not.</summary>
    private static string? Shorten(string text, string ending)
    {
        if (SmsSegments.Count(ending) > MaxSegments)
        {
            return null;
        }

        // Adding characters never takes fewer parts, so the longest start that fits can be found by bisection.
        int fits = 0, tooLong = text.Length;
        while (tooLong - fits > 1)
        {
            var middle = fits + (tooLong - fits) / 2;
            if (SmsSegments.Count(text[..middle] + ending) <= MaxSegments)
            {
                fits = middle;
            }
            else
            {
                tooLong = middle;
            }
        }

        var cut = fits;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var space = text.LastIndexOfAny([' ', '\n'], Math.Max(cut - 1, 0));
        if (cut < text.Length && space > cut / 2)
        {
            cut = space;
        }

        var shortened = text[..cut].TrimEnd() + ending;
        return SmsSegments.Count(shortened) <= MaxSegments ? shortened : text[..fits] + ending;
    }
}
