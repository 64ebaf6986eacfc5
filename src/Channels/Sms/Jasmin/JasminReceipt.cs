using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>
/// A delivery receipt Jasmin posts to the dlr-url (id, message_status, level, connector; for levels 2 and 3 also id_smsc,
/// sub, dlvrd, subdate, donedate, err, text). With dlr-level 3 a message gets two: level 1 when the SMSC took it
/// (message_status ESME_ROK, or the ESME_* error it refused it with) and level 2 from the handset's network
/// (DELIVRD, ACCEPTD, ENROUTE, EXPIRED, DELETED, UNDELIV, REJECTD, UNKNOWN).
/// </summary>
internal sealed record JasminReceipt(string MessageId, string MessageStatus, ProviderStatus? Status, string? ErrorCode, bool IsFinal)
{
    public static JasminReceipt? Parse(IReadOnlyDictionary<string, string> fields)
    {
        if (fields.GetValueOrDefault("id") is not { Length: > 0 and <= JasminMo.MaxIdLength } id
            || fields.GetValueOrDefault("message_status") is not { Length: > 0 and <= 64 } messageStatus)
        {
            return null;
        }

        var status = StatusOf(messageStatus);
        var err = fields.GetValueOrDefault("err");
        var failed = status is ProviderStatus.Undelivered or ProviderStatus.Failed;
        var errorCode = !failed ? null : err is { Length: > 0 } && err.Trim('0').Length > 0 ? $"{messageStatus} err {err}" : messageStatus;
        var isFinal = failed || status is ProviderStatus.Delivered;
        return new JasminReceipt(id, messageStatus, status, errorCode, isFinal);
    }

    /// <summary>The status in no provider's words; null for one Jasmin does not document (ignored).</summary>
    public static ProviderStatus? StatusOf(string messageStatus) => messageStatus.ToUpperInvariant() switch
    {
        "ESME_ROK" or "ACCEPTD" or "ENROUTE" => ProviderStatus.Sent,
        "DELIVRD" => ProviderStatus.Delivered,
        "UNDELIV" or "EXPIRED" or "DELETED" or "UNKNOWN" => ProviderStatus.Undelivered,
        "REJECTD" => ProviderStatus.Failed,
        var other when other.StartsWith("ESME_", StringComparison.Ordinal) => ProviderStatus.Failed,
        _ => null,
    };
}
