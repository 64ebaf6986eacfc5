using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Reports.Filing;

/// <summary>
/// Makes filing idempotent. Keyed by the caller's idempotency key (a channel's message ID, or an API
/// client's Idempotency-Key): the tracking ID is chosen and stored here before the report is filed,
/// so a redelivered message or a retried request reaches the same report instead of creating another.
/// </summary>
[Alias("Lapor.Hub.IReportFilingGrain")]
public interface IReportFilingGrain : IGrainWithStringKey
{
    [Alias("File")]
    Task<FiledReport> File(ReportSubmission submission);
}

public sealed class FilingState
{
    public string? TrackingId { get; set; }

    public string? ReporterKey { get; set; }

    public string? SubmissionHash { get; set; }
}

[GrainType("report-filing")]
public sealed class ReportFilingGrain(
    [PersistentState("filing", GrainStorage.Name)] IPersistentState<FilingState> state) : Grain, IReportFilingGrain
{
    public const int MaxKeyLength = 200;
    private const int MaxAttempts = 5;

    public async Task<FiledReport> File(ReportSubmission submission)
    {
        var filingKey = this.GetPrimaryKeyString();
        var hash = HashOf(submission);
        var storedHash = state.State.SubmissionHash;
        if (storedHash is not null && storedHash != hash)
        {
            throw new ReportRuleViolation(ReportRuleViolation.IdempotencyKeyReused,
                "This idempotency key was already used for a different report.");
        }

        for (var attempt = 1; ; attempt++)
        {
            if (state.State.TrackingId is null)
            {
                state.State.TrackingId = TrackingId.NewId().Value;
                state.State.ReporterKey ??= ReporterKeys.NewKey();
                state.State.SubmissionHash = hash;
                try
                {
                    await state.WriteStateAsync();
                }
                catch
                {
                    // Not stored: a retry must not file under an ID that a restart would forget (a second report).
                    state.State.TrackingId = null;
                    state.State.SubmissionHash = storedHash;
                    DeactivateOnIdle();
                    throw;
                }
            }

            try
            {
                return await GrainFactory.GetGrain<IReportGrain>(state.State.TrackingId)
                    .File(submission, filingKey, state.State.ReporterKey!);
            }
            catch (ReportRuleViolation taken) when (MayDrawAnotherId(taken, attempt))
            {
                // A random tracking ID collided with an existing report: draw another.
                state.State.TrackingId = null;
            }
        }
    }

    /// <summary>A random tracking ID collided with an existing report: another may be drawn, a few times.</summary>
    internal static bool MayDrawAnotherId(ReportRuleViolation refused, int attempt) =>
        refused.Code == ReportRuleViolation.AlreadyFiled && attempt < MaxAttempts;

    private static string HashOf(ReportSubmission submission) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(submission))));
}
