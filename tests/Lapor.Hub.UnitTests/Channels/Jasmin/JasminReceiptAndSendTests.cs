using System.Net;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Sms.Jasmin;

namespace Lapor.Hub.Tests.Channels.Jasmin;

public sealed class JasminReceiptAndSendTests
{
    [Theory]
    [InlineData("ESME_ROK", "000", ProviderStatus.Sent, null, false)]
    [InlineData("ACCEPTD", "000", ProviderStatus.Sent, null, false)]
    [InlineData("ENROUTE", "000", ProviderStatus.Sent, null, false)]
    [InlineData("DELIVRD", "000", ProviderStatus.Delivered, null, true)]
    [InlineData("UNDELIV", "013", ProviderStatus.Undelivered, "UNDELIV err 013", true)]
    [InlineData("EXPIRED", "000", ProviderStatus.Undelivered, "EXPIRED", true)]
    [InlineData("REJECTD", "", ProviderStatus.Failed, "REJECTD", true)]
    [InlineData("ESME_RINVNUMDESTS", "", ProviderStatus.Failed, "ESME_RINVNUMDESTS", true)]
    public void Receipts_map_to_provider_statuses_with_the_networks_error(
        string messageStatus, string err, ProviderStatus status, string? errorCode, bool isFinal)
    {
        var receipt = JasminReceipt.Parse(new Dictionary<string, string> { ["id"] = "abc", ["message_status"] = messageStatus, ["level"] = "2", ["err"] = err });

        Assert.Equal(new JasminReceipt("abc", messageStatus, status, errorCode, isFinal), receipt);
    }

    [Fact]
    public void A_status_jasmin_does_not_document_is_parsed_but_not_understood() =>
        Assert.Null(JasminReceipt.Parse(new Dictionary<string, string> { ["id"] = "abc", ["message_status"] = "SOMETHING" })!.Status);

    [Fact]
    public void A_receipt_without_id_or_status_is_none() =>
        Assert.Null(JasminReceipt.Parse(new Dictionary<string, string> { ["message_status"] = "DELIVRD" }));

    [Fact]
    public void Success_is_accepted_with_jasmins_message_id()
    {
        var result = JasminSender.Interpret(HttpStatusCode.OK, "Success \"07033084-5cfd-4812-90a4-e4d24ffb6e3d\"");

        Assert.Equal(DeliveryResult.Accepted("07033084-5cfd-4812-90a4-e4d24ffb6e3d"), result);
    }

    [Theory]
    [InlineData(500, "Error \"Cannot send submit_sm, check SMPPClientManagerPB log file for details\"", DeliveryStatus.RetryLater)]
    [InlineData(503, "Error \"InterceptorPB not connected !\"", DeliveryStatus.RetryLater)]
    [InlineData(403, "Error \"User throughput exceeded\"", DeliveryStatus.RetryLater)]
    [InlineData(412, "Error \"Failover route has no bound connectors\"", DeliveryStatus.RetryLater)]
    [InlineData(412, "Error \"No route found\"", DeliveryStatus.Failed)]
    [InlineData(403, "Error \"Authentication failure for username:lapor\"", DeliveryStatus.Failed)]
    [InlineData(400, "Error \"Argument _ is unknown.\"", DeliveryStatus.Failed)]
    [InlineData(200, "something else", DeliveryStatus.Failed)]
    public void Errors_are_retried_when_they_pass_and_recorded_with_jasmins_words_when_they_do_not(int status, string body, DeliveryStatus expected)
    {
        var result = JasminSender.Interpret((HttpStatusCode)status, body);

        Assert.Equal(expected, result.Status);
        Assert.StartsWith($"{status}: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Error \"", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Laporan Anda diterima. Nomor: K7QM-X2PD-9R7 {ok} €5 @rumah", true)]
    [InlineData("Terima kasih 🙏", false)]
    [InlineData("Jalan “rusak”", false)]
    public void Text_goes_as_gsm_only_when_every_character_is_in_the_alphabet(string text, bool gsm) =>
        Assert.Equal(gsm, Gsm0338.CanEncode(text));

    [Fact]
    public void The_options_refuse_a_configuration_that_cannot_work()
    {
        var problems = new JasminOptions { SendUrl = "jasmin:1401", InboundSecret = "short", MessagesPerSecond = 0 }.Problems();

        Assert.Equal(6, problems.Count);
        Assert.Empty(new JasminOptions
        {
            SendUrl = "http://jasmin:1401/send", Username = "lapor", Password = "pw", From = "1708",
            InboundSecret = "0123456789abcdef-_", PublicBaseUrl = "https://lapor.example.go.id",
        }.Problems());
    }
}
