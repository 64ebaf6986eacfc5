using Lapor.Hub.Reports;

namespace Lapor.Hub.Web.Reports;

public sealed record LocationInput(double? Lat, double? Lon);

public sealed record FileReportRequest(
    string? Text,
    string? Title,
    LocationInput? Location,
    string? RegionCode,
    bool IsAnonymous,
    bool IsSecret,
    string? Channel,
    string? ReporterAddress,
    string? ReporterName)
{

    public ReportSubmission ToSubmission(InputErrors errors)
    {
        GeoPoint? point = null;
        if (Location is not null)
        {
            if (Location.Lat is { } lat && Location.Lon is { } lon)
            {
                point = new GeoPoint(lat, lon);
            }
            else
            {
                errors.Add("location", "A location needs both lat and lon.");
            }
        }

        // A chat address is only ever learned from that channel's authenticated traffic (see ADR 0010): a caller
        // who could name one here could make the official bot message, and pin reports on, anyone's chat.
        if (Blank(Channel) is { } channel && !channel.Equals(ChannelNames.Api, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("channel", $"The public API files with channel '{ChannelNames.Api}' only; chat reports are filed by chatting with the hub.");
        }

        if (Blank(ReporterAddress) is not null)
        {
            errors.Add("reporterAddress", "The public API does not accept a reporter address; the hub replies to chats only through their own channel.");
        }

        return new ReportSubmission(
            Text?.Trim() ?? "", Blank(Title), point, Blank(RegionCode), IsAnonymous, IsSecret, ChannelNames.Api, ReporterAddress: null, Blank(ReporterName));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record ClarificationRequest(string? Question);

public sealed record ForwardRequest(string? CategoryCode, string? AgencyCode, string? Note);

public sealed record RejectRequest(RejectionReason? Reason, string? Explanation, string? DuplicateOf);

public sealed record FollowUpRequest(string? AgencyCode, string? Officer, string? Text);

public sealed record ReplyRequest(string? Text);
