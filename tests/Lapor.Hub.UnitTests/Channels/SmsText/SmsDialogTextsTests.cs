using System.Globalization;
using System.Resources;
using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Sms.Text;

namespace Lapor.Hub.Tests.Channels.SmsText;

/// <summary>What the hub says on SMS is GSM-7 and fits one or two parts, in both languages, with its arguments filled in.</summary>
public class SmsDialogTextsTests
{
    public static TheoryData<string, string> SmsTexts()
    {
        var data = new TheoryData<string, string>();
        var resources = new ResourceManager("Lapor.Hub.Channels.Conversations.DialogTexts", typeof(DialogTexts).Assembly);
        var keys = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<System.Collections.DictionaryEntry>().Select(entry => (string)entry.Key).Where(key => key.StartsWith("Sms", StringComparison.Ordinal));
        foreach (var key in keys.Order())
        {
            data.Add(DialogTexts.Indonesian, key);
            data.Add(DialogTexts.English, key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SmsTexts))]
    public void Each_sms_reply_is_gsm7_in_one_or_two_parts(string language, string key)
    {
        var text = DialogTexts.Get(language, key, "K7QM-X2PD-9R7-LONGEST-ARGUMENT");

        var measured = SmsSegments.Measure(text);

        Assert.Equal(SmsEncoding.Gsm7, measured.Encoding);
        Assert.InRange(measured.Segments, 1, 2);
    }

    [Fact]
    public void The_filed_notice_with_its_sms_hint_fits_two_parts()
    {
        foreach (var language in new[] { DialogTexts.Indonesian, DialogTexts.English })
        {
            var text = DialogTexts.Get(language, "NotifyFiled", "K7QM-X2PD-9R7", "Rabu, 30 September 2026") + "\n"
                       + DialogTexts.Get(language, "SmsCheckHint", "K7QM-X2PD-9R7");

            Assert.InRange(SmsSegments.Count(Gsm7Transliteration.ToGsm7WherePossible(text)), 1, 2);
        }
    }
}
