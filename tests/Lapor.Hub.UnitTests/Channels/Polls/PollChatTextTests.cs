using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Polls;
using Lapor.Hub.Channels.Sms.Text;
using Lapor.Hub.Polls;

namespace Lapor.Hub.Tests.Channels.Polls;

/// <summary>The words and texts of polls in the chat: SMS keywords, typed poll words, button values, result bars.</summary>
public class PollChatTextTests
{
    [Theory]
    [InlineData("POLLING", SmsCommandKind.Polls)]
    [InlineData("polls", SmsCommandKind.Polls)]
    [InlineData("Berhenti polling", SmsCommandKind.StopPolls)]
    [InlineData("STOP POLLING", SmsCommandKind.StopPolls)]
    [InlineData("berhenti semua", SmsCommandKind.StopAll)]
    [InlineData("STOP ALL", SmsCommandKind.StopAll)]
    [InlineData("STOP", SmsCommandKind.Stop)]
    [InlineData("BERHENTI", SmsCommandKind.Stop)]
    [InlineData("2", SmsCommandKind.PollAnswer)]
    [InlineData(" 10. ", SmsCommandKind.PollAnswer)]
    [InlineData("(3)", SmsCommandKind.PollAnswer)]
    [InlineData("123", SmsCommandKind.Report)]
    [InlineData("2 lampu mati di gang", SmsCommandKind.Report)]
    public void Sms_poll_keywords_and_a_bare_number_are_read_and_stop_alone_keeps_its_meaning(string text, SmsCommandKind kind) =>
        Assert.Equal(kind, SmsKeywords.Parse(text).Kind);

    [Theory]
    [InlineData("stop", PollCommand.StopHere)]
    [InlineData("Berhenti.", PollCommand.StopHere)]
    [InlineData("stop  polling", PollCommand.StopHere)]
    [InlineData("berhenti semua", PollCommand.StopEverywhere)]
    [InlineData("STOP ALL", PollCommand.StopEverywhere)]
    [InlineData("/polls", PollCommand.List)]
    [InlineData("Polling", PollCommand.List)]
    public void Chat_poll_words_are_read(string text, PollCommand command) => Assert.Equal(command, PollWords.Parse(text));

    [Theory]
    [InlineData("stop lampu jalan mati")]
    [InlineData("pollingnya kapan")]
    [InlineData(null)]
    public void Other_text_is_not_a_poll_word(string? text) => Assert.Null(PollWords.Parse(text));

    [Fact]
    public void A_vote_value_names_the_poll_and_the_option_and_fits_a_telegram_callback()
    {
        var pollId = PollIds.New();
        var value = PollChoices.VoteValue(pollId, 10);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(value) <= Choice.MaxValueBytes);
        Assert.Equal((pollId, 10), PollChoices.ParseVote(value));
        Assert.Null(PollChoices.ParseVote("poll:abc:0"));
        Assert.Null(PollChoices.ParseVote("poll:abc:x"));
        Assert.Null(PollChoices.ParseVote("poll:" + new string('a', 70) + ":1"));
        Assert.Null(PollChoices.ParseVote("yes"));
    }

    [Fact]
    public void Labels_are_cut_to_the_channels_limit()
    {
        var poll = new PollInvitation("p1", "Q?", ["Sangat setuju dengan usulan ini", "Tidak"], null, DateTimeOffset.UtcNow);
        var choices = PollChoices.Options(poll, 20);
        Assert.Equal(20, choices[0].Label.Length);
        Assert.EndsWith("…", choices[0].Label);
        Assert.Equal("Tidak", choices[1].Label);
    }

    [Fact]
    public void Results_show_bars_and_shares_and_ten_long_options_fit_two_sms_segments_with_the_answer()
    {
        var results = new PollResults([3, 1], new Dictionary<string, IReadOnlyList<int>>(), new Dictionary<string, IReadOnlyList<int>>());
        Assert.Equal("Hasil:\n1. Setuju ########-- 75% (3)\n2. Tidak setuju ###------- 25% (1)",
            PollResultsText.Format("Hasil:", ["Setuju", "Tidak setuju"], results));

        var options = Enumerable.Range(1, 10).Select(i => $"Pilihan nomor {i} yang panjang sekali untuk sebuah polling kebijakan").ToArray();
        var many = new PollResults(Enumerable.Range(1, 10).Select(i => i * 111).ToArray(),
            new Dictionary<string, IReadOnlyList<int>>(), new Dictionary<string, IReadOnlyList<int>>());
        var answer = "Terima kasih, jawaban Anda \"Pilihan nomor 10 yang panjang…\" dicatat.";
        var text = Gsm7Transliteration.ToGsm7WherePossible(answer + "\n\n" + PollResultsText.Format("Hasil saat ini (6105 jawaban):", options, many,
            PollResultsText.TwoSmsSegments - answer.Length - 6));
        Assert.True(SmsSegments.Measure(text).Segments <= 2, text);
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Measure(text).Encoding);
        Assert.Contains("10. 18% (1110)", text);
    }
}
