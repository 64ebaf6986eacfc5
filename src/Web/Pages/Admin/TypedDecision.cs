using Lapor.Hub.Reports;

namespace Lapor.Hub.Web.Pages.Admin;

/// <summary>The fields of the admin's decision forms as they were posted; null where that form was not sent.</summary>
public sealed record TypedDecision(
    string? Category = null,
    string? Agency = null,
    string? Note = null,
    string? Question = null,
    RejectionReason? Reason = null,
    string? Explanation = null,
    string? DuplicateOf = null);
