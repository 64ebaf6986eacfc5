using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Tests.Channels.Conversations;

/// <summary>The filing dialog as a state machine, driven message by message, with no channel and no grain.</summary>
public sealed class DialogTests
{
    private static readonly RegionCatalog Regions = RegionCatalog.LoadFile(RegionCatalog.DefaultDataPath);
    private readonly ConversationState _state = new();
    private int _messages;

    [Fact]
    public void A_whole_report_is_taken_step_by_step_and_filed_once_confirmed()
    {
        var askLocation = Send("Lampu penerangan jalan di Jl. Pemuda mati sejak seminggu, gelap sekali malam hari");
        Assert.Equal(DialogStep.AwaitingLocation, _state.Step);
        Assert.Equal("skip", Assert.Single(LastChoices(askLocation)).Value);
        Send("Jl. Pemuda no. 5, Surabaya");
        Assert.Equal("35.78", _state.Draft!.RegionCode);
        Assert.Equal(DialogStep.AwaitingPhotos, _state.Step);

        var photo = Send(media: new MediaFile("m1", "image/jpeg", 1200));
        Assert.Contains("1/5", Said(photo));
        Assert.Equal("done", Assert.Single(LastChoices(photo)).Value);
        Choose("done");
        Assert.Equal(DialogStep.AwaitingAnonymity, _state.Step);
        Choose("yes");
        Choose("no");
        var summary = Said(Last);
        Assert.Contains("Jl. Pemuda no. 5, Surabaya", summary);
        Assert.Equal(["submit", "cancel"], LastChoices(Last).Select(c => c.Value));

        var filed = Choose("submit");

        var file = Assert.Single(filed.OfType<FileDraft>());
        Assert.Equal("Lampu penerangan jalan di Jl. Pemuda mati sejak seminggu, gelap sekali malam hari", file.Draft.Text);
        Assert.True(file.Draft.IsAnonymous);
        Assert.False(file.Draft.IsSecret);
        Assert.Single(file.Draft.Media);
        Assert.Equal(DialogStep.Idle, _state.Step);
        Assert.Null(_state.Draft);
    }

    [Fact]
    public void A_shared_location_and_skipping_photos_work_too()
    {
        Send("Sampah menumpuk di pinggir sungai sudah berminggu-minggu");
        Send(location: new GeoPoint(-5.14, 119.42));
        Assert.Equal(DialogStep.AwaitingPhotos, _state.Step);
        Send("lewati");
        Assert.Equal(DialogStep.AwaitingAnonymity, _state.Step);
        Assert.Equal(-5.14, _state.Draft!.Location!.Latitude);
    }

    [Fact]
    public void Cancel_at_any_step_drops_the_draft()
    {
        Send("Pungli di kantor kelurahan saat mengurus surat pindah");
        Send("skip");
        Assert.Contains("dibatalkan", Said(Send("batal")));
        Assert.Equal(DialogStep.Idle, _state.Step);
        Assert.Null(_state.Draft);
        Assert.Contains("Tidak ada", Said(Send("batal")));
    }

    [Fact]
    public void A_tracking_id_typed_mid_dialog_asks_for_its_status_and_keeps_the_draft()
    {
        Send("Air PDAM tidak mengalir tiga hari di perumahan kami");
        var id = Lapor.Hub.Tracking.TrackingId.NewId();

        var effects = Send("cek " + id.ToDisplayString().ToLowerInvariant());

        Assert.Equal(id, Assert.Single(effects.OfType<ShowStatus>()).TrackingId);
        Assert.Equal(DialogStep.AwaitingLocation, _state.Step);
        Assert.Contains("Di mana", Said(effects));
    }

    [Fact]
    public void A_mistyped_tracking_id_is_pointed_out()
    {
        var id = Lapor.Hub.Tracking.TrackingId.NewId().ToDisplayString();
        var typo = id[..^1] + (id[^1] == 'A' ? 'B' : 'A');
        Assert.Contains("salah ketik", Said(Send(typo)));
        Assert.Equal(DialogStep.Idle, _state.Step);
    }

    [Fact]
    public void Too_short_a_description_is_asked_again()
    {
        Assert.Contains("terlalu singkat", Said(Send("rusak")));
        Assert.Equal(DialogStep.AwaitingDescription, _state.Step);
        Send("Jembatan penyeberangan rusak dan berbahaya");
        Assert.Equal(DialogStep.AwaitingLocation, _state.Step);
    }

    [Fact]
    public void Yes_or_no_questions_insist_on_yes_or_no()
    {
        Send("Parkir liar di depan rumah sakit menutup jalan ambulans");
        Send("lewati");
        Send("lewati");
        Assert.Contains("Ya atau Tidak", Said(Send("mungkin")));
        Assert.Equal(DialogStep.AwaitingAnonymity, _state.Step);
        Send("ya");
        Assert.Equal(DialogStep.AwaitingSecrecy, _state.Step);
    }

    [Fact]
    public void Free_text_answers_a_pending_question()
    {
        _state.PendingQuestion = Lapor.Hub.Tracking.TrackingId.NewId().Value;

        var effects = Send("Lokasinya di depan masjid Al-Ikhlas, RT 03 RW 05");

        var answer = Assert.Single(effects.OfType<AddToThread>());
        Assert.True(answer.AnswersQuestion);
        Assert.Null(_state.PendingQuestion);
    }

    [Fact]
    public void After_a_follow_up_the_citizens_reply_goes_to_that_report_and_laporan_baru_starts_a_new_one()
    {
        var thread = Lapor.Hub.Tracking.TrackingId.NewId();
        _state.OpenThread = thread.Value;

        var reply = Send("Sampai sekarang belum ada perbaikan sama sekali");

        var added = Assert.Single(reply.OfType<AddToThread>());
        Assert.Equal(thread.Value, added.TrackingId);
        Assert.Equal("Sampai sekarang belum ada perbaikan sama sekali", added.Text);
        Assert.False(added.AnswersQuestion);
        Assert.Contains("laporan baru", Said(reply));
        Assert.Equal(DialogStep.Idle, _state.Step);

        Assert.Single(Send("Masih rusak, motor saya hampir jatuh tadi pagi").OfType<AddToThread>());
        Assert.Contains("ceritakan", Said(Send("laporan baru")));
        Assert.Null(_state.OpenThread);
        Send("Ada pohon tumbang menutup jalan raya di depan kantor pos");
        Assert.Equal(DialogStep.AwaitingLocation, _state.Step);
        Assert.Equal("Ada pohon tumbang menutup jalan raya di depan kantor pos", _state.Draft!.Text);
    }

    [Fact]
    public void Typing_the_reports_number_when_asked_reply_or_new_is_a_reply_not_a_status_check_that_asks_again()
    {
        var thread = Lapor.Hub.Tracking.TrackingId.NewId();
        _state.OpenThread = thread.Value;
        _state.HeldText = "Sampai sekarang belum ada perbaikan sama sekali";
        _state.Step = DialogStep.AwaitingReplyOrNew;

        var effects = Send(thread.ToDisplayString());

        Assert.Empty(effects.OfType<ShowStatus>());
        Assert.Equal("Sampai sekarang belum ada perbaikan sama sekali", Assert.Single(effects.OfType<AddToThread>()).Text);
        Assert.Equal(DialogStep.Idle, _state.Step);
    }

    [Theory]
    [InlineData("laporan {0} bagaimana?")]
    [InlineData("Bagaimana kabar laporan {0}")]
    [InlineData("what about report {0}?")]
    public void A_short_question_about_a_report_is_a_status_question_even_after_a_follow_up(string question)
    {
        var thread = Lapor.Hub.Tracking.TrackingId.NewId();
        _state.OpenThread = thread.Value;

        var effects = Send(string.Format(System.Globalization.CultureInfo.InvariantCulture, question, thread.ToDisplayString()));

        Assert.Equal(thread, Assert.Single(effects.OfType<ShowStatus>()).TrackingId);
        Assert.Empty(effects.OfType<AddToThread>());
        Assert.Null(_state.Draft);
    }

    [Fact]
    public void A_description_too_thin_to_act_on_is_asked_about_once_and_both_messages_are_kept()
    {
        var ask = Send("lampu mati");

        Assert.Equal(DialogStep.AwaitingDescription, _state.Step);
        Assert.Contains("lebih rinci", Said(ask));
        Assert.Equal("skip", Assert.Single(LastChoices(ask)).Value);

        Send("di gang");
        Assert.Equal(DialogStep.AwaitingLocation, _state.Step);
        Assert.Equal("lampu mati\ndi gang", _state.Draft!.Text);
    }

    [Fact]
    public void A_thin_description_can_be_kept_as_it_is_by_skipping_the_question()
    {
        Send("jalan rusak parah");
        Choose("skip");
        Assert.Equal(DialogStep.AwaitingLocation, _state.Step);
        Assert.Equal("jalan rusak parah", _state.Draft!.Text);
    }

    [Fact]
    public void The_citizen_can_switch_to_english_and_back()
    {
        Assert.Contains("English", Said(Send("english")));
        Assert.Equal(DialogTexts.English, _state.Language);
        Assert.Contains("Where did it happen", Said(Send("The street light near my house has been broken for a week")));
        Send("bahasa");
        Assert.Equal(DialogTexts.Indonesian, _state.Language);
    }

    [Fact]
    public void The_citizens_own_words_set_the_language_and_it_stays_over_the_phones_language_code()
    {
        Assert.Contains("complaints service", Said(Send("help", languageCode: "id")));
        _state.Language = DialogTexts.Indonesian;
        Assert.Single(Send("my reports", languageCode: "id").OfType<ListOwnReports>());
        Assert.Equal(DialogTexts.English, _state.Language);
        var id = Lapor.Hub.Tracking.TrackingId.NewId();
        Send(id.ToDisplayString(), languageCode: "id");
        Assert.Equal(DialogTexts.English, _state.Language);

        Assert.Contains("Halo", Said(Send("bantuan", languageCode: "en")));
        Send(id.ToDisplayString(), languageCode: "en");
        Assert.Equal(DialogTexts.Indonesian, _state.Language);
    }

    [Fact]
    public void Help_explains_and_repeats_the_current_question()
    {
        Send("Banjir setiap hujan karena saluran air tersumbat");
        var help = Said(Send("bantuan"));
        Assert.Contains("laporan saya", help);
        Assert.Contains("Di mana", help);
    }

    [Fact]
    public void Every_text_key_exists_in_both_languages()
    {
        foreach (var language in new[] { DialogTexts.Indonesian, DialogTexts.English })
        {
            foreach (var key in new[] { "Help", "AskDescription", "AskLocation", "AskPhotos", "AskAnonymous", "AskSecret", "Summary", "NotifyFiled",
                         "NotifyClarification", "NotifyForwarded", "NotifyFollowUp", "NotifyAdminReply", "NotifyRejected", "NotifyClosed", "FilingRefused",
                         "AskMoreDetail", "HowToStartNewReport", "SecretReporterKey", "ReplyTooLong" })
            {
                Assert.False(string.IsNullOrWhiteSpace(DialogTexts.Get(language, key, "a", "b", "c", "d", "e")), key);
            }
        }

        Assert.NotEqual(DialogTexts.Get(DialogTexts.Indonesian, "AskLocation"), DialogTexts.Get(DialogTexts.English, "AskLocation"));
    }

    private IReadOnlyList<DialogEffect> Last { get; set; } = [];

    private IReadOnlyList<DialogEffect> Send(string? text = null, GeoPoint? location = null, MediaFile? media = null, string? languageCode = null) =>
        Handle(new InboundMessage(new ChannelAddress("telegram", "42"), $"m{++_messages}", DateTimeOffset.UtcNow, text, null, location,
            media is null ? null : [media], LanguageCode: languageCode));

    private IReadOnlyList<DialogEffect> Choose(string value) =>
        Handle(new InboundMessage(new ChannelAddress("telegram", "42"), $"m{++_messages}", DateTimeOffset.UtcNow, ChoiceValue: value));

    private IReadOnlyList<DialogEffect> Handle(InboundMessage message) =>
        Last = new Dialog(_state, Regions).Handle(message);

    private static IReadOnlyList<Say> Says(IReadOnlyList<DialogEffect> effects) => effects.OfType<Say>().ToArray();

    private static string Said(IReadOnlyList<DialogEffect> effects) => string.Join("\n", Says(effects).Select(s => s.Message.Text));

    private static IReadOnlyList<Choice> LastChoices(IReadOnlyList<DialogEffect> effects) => Says(effects)[^1].Message.Choices ?? [];
}
