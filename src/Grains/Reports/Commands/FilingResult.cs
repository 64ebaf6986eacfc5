namespace Lapor.Hub.Reports.Commands;

/// <summary>The filed report, or why the submission was not sent: invalid input (per field) or a door's throttle.</summary>
public sealed record FilingResult(FiledReport? Filed, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static readonly FilingResult Throttled = new(Filed: null);

    public bool IsInvalid => Errors is { Count: > 0 };

    /// <summary>The errors as one line ("field: message …"), for a chat that answers in text.</summary>
    public string ErrorSummary => Errors is null ? "" : string.Join(" ", Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
