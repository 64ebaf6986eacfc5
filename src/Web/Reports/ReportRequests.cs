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

        return new ReportSubmission(
            Text?.Trim() ?? "", Blank(Title), point, Blank(RegionCode), IsAnonymous, IsSecret,
            Blank(Channel)?.ToLowerInvariant() ?? "api", Blank(ReporterAddress), Blank(ReporterName));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record ClarificationRequest(string? Question);

public sealed record ForwardRequest(string? CategoryCode, string? AgencyCode, string? Note);

public sealed record RejectRequest(RejectionReason? Reason, string? Explanation, string? DuplicateOf);

public sealed record FollowUpRequest(string? AgencyCode, string? Officer, string? Text);

public sealed record ReplyRequest(string? Text);
