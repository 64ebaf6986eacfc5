using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Regions;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Tests.Channels.Conversations;

/// <summary>The SMS conversation: one message files a report, keywords do the rest, STOP silences, all without steps or buttons.</summary>
public sealed class SmsDialogTests
{
    private const string Own = "K7QMX2PD9R7";
    private const string Report = "Jalan berlubang besar di Jl. Kenjeran Surabaya, sudah sebulan belum ditambal";
    private static readonly RegionCatalog Regions = RegionCatalog.LoadFile(RegionCatalog.DefaultDataPath);
    private readonly ConversationState _state = new();
    private int _messages;

    [Fact]
    public void A_message_that_is_not_a_keyword_files_a_report_at_once()
    {
        var effects = Send(Report);

        var file = Assert.Single(effects.OfType<FileDraft>());
        Assert.Single(effects);
        Assert.Equal(Report, file.Draft.Text);
        Assert.Equal("35.78", file.Draft.RegionCode);
        Assert.False(file.Draft.IsAnonymous);
        Assert.False(file.Draft.IsSecret);
        Assert.Equal(DialogStep.Idle, _state.Step);
        Assert.Null(_state.Draft);
    }

    [Fact]
    public void A_redelivered_message_files_the_same_draft()
    {
        var first = new SmsDialog(new ConversationState(), Regions).Handle(Sms(Report, "SM123"));
        var again = new SmsDialog(new ConversationState(), Regions).Handle(Sms(Report, "SM123"));
        var other = new SmsDialog(new ConversationState(), Regions).Handle(Sms(Report, "SM124"));

        Assert.Equal(first.OfType<FileDraft>().Single().Draft.Id, again.OfType<FileDraft>().Single().Draft.Id);
        Assert.NotEqual(first.OfType<FileDraft>().Single().Draft.Id, other.OfType<FileDraft>().Single().Draft.Id);
    }

    [Theory]
    [InlineData("halo")]
    [InlineData("lampu mati")]
    [InlineData("tolong pak")]
    [InlineData("")]
    public void A_message_too_short_to_act_on_gets_help_instead(string text)
    {
        var effects = Send(text);

        Assert.Empty(effects.OfType<FileDraft>());
        Assert.Contains("terlalu singkat", Said(effects));
    }

    [Fact]
    public void A_mistyped_id_is_resolved_only_to_the_citizens_own_report()
    {
        _state.Reports.Add(new OwnReport(Own, "key", DateTimeOffset.UtcNow));

        Assert.Equal(TrackingId.Parse(Own), Assert.IsType<ShowStatus>(Assert.Single(Send("cek k7qm-x2pd-9r8"))).TrackingId);
        Assert.Equal(TrackingId.Parse(Own), Assert.IsType<ShowStatus>(Assert.Single(Send("K7QMX2PD97R"))).TrackingId);
    }

    [Fact]
    public void A_mistyped_id_of_no_own_report_is_not_guessed()
    {
        var effects = Send("CEK K7QM-X2PD-9R8");

        Assert.Empty(effects.OfType<ShowStatus>());
        Assert.Contains("\"K7QM-X2PD-9R8\" tidak ditemukan", Said(effects));
    }

    [Fact]
    public void A_mistyped_id_that_could_be_two_own_reports_is_not_guessed()
    {
        var candidates = TrackingIdCorrection.Candidates("K7QMX2PD9R8");
        Assert.True(candidates.Count >= 2);
        _state.Reports.AddRange(candidates.Take(2).Select(id => new OwnReport(id.Value, "key", DateTimeOffset.UtcNow)));

        var effects = Send("CEK K7QMX2PD9R8");

        Assert.Empty(effects.OfType<ShowStatus>());
        Assert.Contains("tidak ditemukan", Said(effects));
    }

    [Fact]
    public void An_exact_id_shows_its_status_whoever_filed_it()
    {
        // The conversation grain shows a stranger's report only as the public sees it.
        Assert.Equal(TrackingId.Parse("ABCDEFGHJKS"), Assert.IsType<ShowStatus>(Assert.Single(Send("abcd efgh jks"))).TrackingId);
    }

    [Fact]
    public void Balas_adds_to_the_named_reports_thread()
    {
        _state.Reports.Add(new OwnReport(Own, "key", DateTimeOffset.UtcNow));

        var thread = Assert.IsType<AddToThread>(Assert.Single(Send("BALS k7qm x2pd 9r8 Jalan belum juga ditambal")));

        Assert.Equal(new AddToThread(Own, "Jalan belum juga ditambal", AnswersQuestion: false), thread);
    }

    [Fact]
    public void A_reply_to_the_report_with_an_open_question_answers_it()
    {
        _state.Reports.Add(new OwnReport(Own, "key", DateTimeOffset.UtcNow));
        _state.PendingQuestion = Own;

        var thread = Assert.IsType<AddToThread>(Assert.Single(Send("BALAS K7QM-X2PD-9R7 Di depan SDN 5")));

        Assert.True(thread.AnswersQuestion);
        Assert.Null(_state.PendingQuestion);
    }

    [Fact]
    public void Plain_text_while_an_admin_question_is_open_answers_it()
    {
        _state.Reports.Add(new OwnReport(Own, "key", DateTimeOffset.UtcNow));
        _state.PendingQuestion = Own;

        Assert.Equal(new AddToThread(Own, "Di depan SDN 5 Kenjeran", AnswersQuestion: true), Assert.Single(Send("Di depan SDN 5 Kenjeran")));
        Assert.Null(_state.PendingQuestion);
    }

    [Fact]
    public void Balas_without_an_id_replies_to_the_report_last_followed_up()
    {
        _state.Reports.Add(new OwnReport(Own, "key", DateTimeOffset.UtcNow));
        _state.OpenThread = Own;

        Assert.Equal(new AddToThread(Own, "terima kasih", AnswersQuestion: false), Assert.Single(Send("balas terima kasih")));
    }

    [Fact]
    public void Balas_without_an_id_and_nothing_to_reply_to_is_a_report()
    {
        var file = Assert.IsType<FileDraft>(Assert.Single(Send("Balas dendam tetangga, pagar rumah saya di Rungkut dirusak")));

        Assert.Equal("Balas dendam tetangga, pagar rumah saya di Rungkut dirusak", file.Draft.Text);
    }

    [Theory]
    [InlineData("BALAS")]
    [InlineData("BALAS K7QM-X2PD-9R7")]
    public void Balas_without_text_explains_itself(string text)
    {
        _state.Reports.Add(new OwnReport(Own, "key", DateTimeOffset.UtcNow));

        Assert.Contains("BALAS <nomor laporan> <pesan>", Said(Send(text)));
    }

    [Fact]
    public void Laporan_lists_own_reports_and_info_helps()
    {
        Assert.IsType<ListOwnReports>(Assert.Single(Send("LAPORAN")));
        Assert.Contains("CEK <nomor>", Said(Send("INFO")));
        Assert.Contains("CEK <nomor laporan>", Said(Send("cek")));
    }

    [Fact]
    public void English_keywords_answer_in_english()
    {
        Assert.Contains("CHECK <number>", Said(Send("HELP")));
        Assert.Equal(DialogTexts.English, _state.Language);
        Assert.Contains("too short", Said(Send("hi there")));
    }

    [Fact]
    public void Stop_silences_everything_but_help_until_mulai()
    {
        _state.Reports.Add(new OwnReport(Own, "key", DateTimeOffset.UtcNow));

        Assert.Contains("tidak akan menerima SMS lagi", Said(Send("BERHNTI")));
        Assert.True(_state.OptedOut);
        Assert.Empty(Send("CEK K7QM-X2PD-9R7"));
        Assert.Empty(Send("LAPORAN SAYA"));
        Assert.Empty(Send("STOP"));
        Assert.Empty(Send("halo"));
        Assert.Contains("MULAI", Said(Send("INFO")));
        Assert.True(_state.OptedOut);

        Assert.Contains("aktif lagi", Said(Send("mulai")));
        Assert.False(_state.OptedOut);
        Assert.IsType<ShowStatus>(Assert.Single(Send("CEK K7QM-X2PD-9R7")));
    }

    [Fact]
    public void A_new_report_after_stop_resumes_messages()
    {
        Send("STOP");

        Assert.IsType<FileDraft>(Assert.Single(Send(Report)));
        Assert.False(_state.OptedOut);
    }

    private IReadOnlyList<DialogEffect> Send(string text) =>
        new SmsDialog(_state, Regions).Handle(Sms(text, $"sms-{++_messages}"));

    private static InboundMessage Sms(string text, string messageId) =>
        new(new ChannelAddress("sms", "6281234567890"), messageId, DateTimeOffset.UtcNow, text);

    private static string Said(IReadOnlyList<DialogEffect> effects) => string.Join("\n", effects.OfType<Say>().Select(say => say.Message.Text));
}
