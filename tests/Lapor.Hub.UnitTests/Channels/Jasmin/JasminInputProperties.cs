using FsCheck.Xunit;
using Lapor.Hub.Channels.Sms.Jasmin;

namespace Lapor.Hub.Tests.Channels.Jasmin;

/// <summary>Whatever a gateway (or someone holding its secret) posts, reading it never crashes the endpoint.</summary>
public sealed class JasminInputProperties
{
    [Property(MaxTest = 1000)]
    public bool Any_sms_mo_fields_are_parsed_or_refused_with_a_reason(string? id, string? from, string? coding, string? content, byte[]? binary, string? rawBinary)
    {
        var fields = new Dictionary<string, string>();
        Put(fields, "id", id);
        Put(fields, "from", from);
        Put(fields, "coding", coding);
        Put(fields, "content", content);
        Put(fields, "binary", rawBinary ?? (binary is null ? null : Convert.ToHexString(binary)));

        var mo = JasminMo.Parse(fields, out var problem);

        return (mo is null) == (problem is not null);
    }

    [Property(MaxTest = 1000)]
    public bool Any_bytes_decode_in_any_coding_without_growing(byte[] bytes, byte coding)
    {
        var text = JasminMo.Decode(bytes, coding, content: null);

        return text is null || text.Length <= bytes.Length;
    }

    [Property(MaxTest = 500)]
    public bool Any_receipt_fields_are_parsed_or_refused(string? id, string? status, string? err)
    {
        var fields = new Dictionary<string, string>();
        Put(fields, "id", id);
        Put(fields, "message_status", status);
        Put(fields, "err", err);

        var receipt = JasminReceipt.Parse(fields);

        return receipt is null || (receipt.ErrorCode is null) == receipt.Status is not (Lapor.Hub.Channels.Messages.ProviderStatus.Undelivered or Lapor.Hub.Channels.Messages.ProviderStatus.Failed);
    }

    private static void Put(Dictionary<string, string> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields[name] = value;
        }
    }
}
