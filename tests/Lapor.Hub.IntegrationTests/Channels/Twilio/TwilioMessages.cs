using System.Globalization;
using System.Security.Cryptography;

namespace Lapor.Hub.Tests.Channels.Twilio;

/// <summary>Inbound webhook and status callback forms as Twilio posts them for SMS and WhatsApp.</summary>
public static class TwilioMessages
{
    public const string SmsNumber = "1708";
    public const string WhatsAppNumber = "whatsapp:+14155238886";

    public static string NewSid(string prefix = "SM") => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>An SMS from <paramref name="phone"/> (E.164 with "+").</summary>
    public static Dictionary<string, string> Sms(string phone, string body, string? messageSid = null)
    {
        var sid = messageSid ?? NewSid();
        return new Dictionary<string, string>
        {
            ["ToCountry"] = "ID",
            ["SmsMessageSid"] = sid,
            ["NumMedia"] = "0",
            ["SmsSid"] = sid,
            ["SmsStatus"] = "received",
            ["Body"] = body,
            ["To"] = SmsNumber,
            ["NumSegments"] = "1",
            ["MessageSid"] = sid,
            ["AccountSid"] = FakeTwilioApi.AccountSid,
            ["From"] = phone,
            ["FromCountry"] = "ID",
            ["ApiVersion"] = "2010-04-01",
        };
    }

    /// <summary>A WhatsApp message from <paramref name="phone"/> (E.164 with "+") with its profile name.</summary>
    public static Dictionary<string, string> WhatsApp(string phone, string body, string? messageSid = null, string profileName = "Siti")
    {
        var sid = messageSid ?? NewSid();
        return new Dictionary<string, string>
        {
            ["SmsMessageSid"] = sid,
            ["NumMedia"] = "0",
            ["ProfileName"] = profileName,
            ["MessageType"] = "text",
            ["SmsSid"] = sid,
            ["WaId"] = phone.TrimStart('+'),
            ["SmsStatus"] = "received",
            ["Body"] = body,
            ["To"] = WhatsAppNumber,
            ["NumSegments"] = "1",
            ["ReferralNumMedia"] = "0",
            ["MessageSid"] = sid,
            ["AccountSid"] = FakeTwilioApi.AccountSid,
            ["From"] = "whatsapp:" + phone,
            ["ApiVersion"] = "2010-04-01",
        };
    }

    /// <summary>A WhatsApp photo: no body, one medium served by the fake Twilio API.</summary>
    public static Dictionary<string, string> WhatsAppPhoto(string phone, Uri mediaUrl, string messageSid)
    {
        var form = WhatsApp(phone, "", messageSid);
        form["MessageType"] = "image";
        form["NumMedia"] = "1";
        form["MediaContentType0"] = "image/jpeg";
        form["MediaUrl0"] = mediaUrl.ToString();
        return form;
    }

    /// <summary>A WhatsApp location pin.</summary>
    public static Dictionary<string, string> WhatsAppLocation(string phone, double latitude, double longitude)
    {
        var form = WhatsApp(phone, "");
        form["MessageType"] = "location";
        form["Latitude"] = latitude.ToString(CultureInfo.InvariantCulture);
        form["Longitude"] = longitude.ToString(CultureInfo.InvariantCulture);
        return form;
    }

    /// <summary>A status callback about a message the hub sent to <paramref name="to"/> (as Twilio wrote it: "+62…" or "whatsapp:+62…").</summary>
    public static Dictionary<string, string> Status(string messageSid, string status, string to, string from, string? errorCode = null)
    {
        var form = new Dictionary<string, string>
        {
            ["SmsSid"] = messageSid,
            ["SmsStatus"] = status,
            ["MessageStatus"] = status,
            ["To"] = to,
            ["MessageSid"] = messageSid,
            ["AccountSid"] = FakeTwilioApi.AccountSid,
            ["From"] = from,
            ["ApiVersion"] = "2010-04-01",
        };
        if (errorCode is not null)
        {
            form["ErrorCode"] = errorCode;
        }

        return form;
    }
}
