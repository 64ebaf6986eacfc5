using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>
/// The filing dialog as an explicit state machine: commands that work at any step first (help, cancel,
/// language, status, my reports), then one handler per step. It changes the conversation state and returns
/// effects; it never calls anything.
/// </summary>
/// <param name="elsewhere">The citizen's reports filed from their other linked addresses, which count as their own too.</param>
public sealed class Dialog(ConversationState state, RegionCatalog regions, IReadOnlyCollection<string>? elsewhere = null)
{
    private readonly List<DialogEffect> _effects = [];

    private string Language => state.Language;

    /// <summary>Handles a citizen's message: notes the language it is written in, then what it means.</summary>
    public IReadOnlyList<DialogEffect> Handle(InboundMessage message)
    {
        FollowLanguage(message);
        return Handle(IntentParser.Parse(message));
    }

    /// <summary>Asks the current step's question again, with its buttons: the answer to a tap on a button no longer offered.</summary>
    public IReadOnlyList<DialogEffect> Reprompt()
    {
        _effects.Clear();
        Prompt();
        return _effects.ToArray();
    }

    public IReadOnlyList<DialogEffect> Handle(Intent intent)
    {
        _effects.Clear();
        if (!HandleAnywhere(intent))
        {
            HandleStep(intent);
        }

        return _effects.ToArray();
    }

    /// <summary>
    /// Between reports, the citizen's own words set the language and keep it until other words or a command change
    /// it; the channel's language code only decides while the citizen has written nothing telling.
    /// </summary>
    private void FollowLanguage(InboundMessage message)
    {
        if (state.LanguageSettled || state.Step != DialogStep.Idle)
        {
            return;
        }

        if (LanguageGuess.FromWords(message.Text) is { } heard)
        {
            state.Language = heard;
            state.LanguageHeard = true;
        }
        else if (!state.LanguageHeard && LanguageGuess.FromCode(message.LanguageCode) is { } coded)
        {
            state.Language = coded;
        }
    }

    private bool HandleAnywhere(Intent intent)
    {
        switch (intent.Kind)
        {
            case IntentKind.Help:
                Say("Help");
                Prompt();
                return true;
            case IntentKind.Cancel:
                if (state.Draft is null && state.Step is DialogStep.Idle)
                {
                    Say("NothingToCancel");
                }
                else
                {
                    state.Draft = null;
                    state.HeldText = null;
                    state.Step = DialogStep.Idle;
                    Say("Cancelled");
                }

                return true;
            case IntentKind.Language:
                state.Language = intent.Language!;
                state.LanguageSettled = true;
                Say("LanguageSet");
                Prompt();
                return true;
            case IntentKind.MyReports:
                _effects.Add(new ListOwnReports());
                Prompt();
                return true;
            case IntentKind.Status when state.Step == DialogStep.AwaitingReplyOrNew && intent.TrackingId!.Value.Value == state.OpenThread:
                // Typing the report's number answers "this report, or a new one?" (it used to show the status and ask again).
                ChooseReplyOrNew(new Intent(IntentKind.ReplyToThread, TrackingId: intent.TrackingId));
                return true;
            case IntentKind.Status:
                _effects.Add(new ShowStatus(intent.TrackingId!.Value));
                Prompt();
                return true;
            case IntentKind.MistypedTrackingId when OwnReportTypos.Resolve(state, elsewhere ?? [], Tracking.TrackingIdCorrection.Candidates(intent.Text)) is { } meant:
                _effects.Add(new ShowStatus(meant));
                Prompt();
                return true;
            case IntentKind.MistypedTrackingId:
                Say("TrackingIdTypo", intent.Text);
                Prompt();
                return true;
            default:
                return false;
        }
    }

    private void HandleStep(Intent intent)
    {
        switch (state.Step)
        {
            case DialogStep.Idle:
                WhenIdle(intent);
                break;
            case DialogStep.AwaitingDescription:
                Describe(intent);
                break;
            case DialogStep.AwaitingLocation:
                Locate(intent);
                break;
            case DialogStep.AwaitingPhotos:
                CollectPhotos(intent);
                break;
            case DialogStep.AwaitingAnonymity:
                AnswerYesNo(intent, answer => state.Draft!.IsAnonymous = answer, DialogStep.AwaitingSecrecy);
                break;
            case DialogStep.AwaitingSecrecy:
                AnswerYesNo(intent, answer => state.Draft!.IsSecret = answer, DialogStep.AwaitingConfirmation);
                break;
            case DialogStep.AwaitingConfirmation:
                Confirm(intent);
                break;
            case DialogStep.AwaitingReplyOrNew:
                ChooseReplyOrNew(intent);
                break;
        }
    }

    private void WhenIdle(Intent intent)
    {
        switch (intent.Kind)
        {
            case IntentKind.Text when state.PendingQuestion is { } asked:
                state.PendingQuestion = null;
                _effects.Add(new AddToThread(asked, intent.Text!, AnswersQuestion: true));
                break;
            case IntentKind.Text when state.OpenThread is { } thread:
                // The follow-up said "reply to this message": with one report awaiting the citizen's reply, a reply is that reply.
                _effects.Add(new AddToThread(thread, intent.Text!, AnswersQuestion: false));
                Say("HowToStartNewReport");
                break;
            case IntentKind.NewReport:
                state.OpenThread = null;
                StartDraft();
                Prompt();
                break;
            case IntentKind.Text:
                StartDraft();
                Describe(intent);
                break;
            case IntentKind.Location or IntentKind.Media:
                StartDraft();
                AddLocationOrMedia(intent);
                Prompt();
                break;
            default:
                Say("Help");
                break;
        }
    }

    private void Describe(Intent intent)
    {
        if (intent.Kind is IntentKind.Location or IntentKind.Media)
        {
            AddLocationOrMedia(intent);
            Prompt();
            return;
        }

        var draft = state.Draft!;
        if (draft.ThinText is { } thin && intent.Kind is not (IntentKind.Text or IntentKind.Location or IntentKind.Media))
        {
            Accept(thin);
            return;
        }

        var text = intent.Kind == IntentKind.Text ? intent.Text!.Trim() : "";
        if (draft.ThinText is { } first && text.Length > 0)
        {
            text = $"{first}\n{text}";
        }

        if (text.Length < ReportSubmission.MinTextLength)
        {
            Say("DescriptionTooShort", ReportSubmission.MinTextLength);
            return;
        }

        if (text.Length > ReportSubmission.MaxTextLength)
        {
            Say("DescriptionTooLong", text.Length, ReportSubmission.MaxTextLength);
            return;
        }

        if (draft.ThinText is null && Description.IsThin(text))
        {
            draft.ThinText = text;
            Say(Choices.Skip(Language), "AskMoreDetail");
            return;
        }

        Accept(text);
    }

    private void Accept(string description)
    {
        var draft = state.Draft!;
        draft.Text = description;
        draft.ThinText = null;
        MoveTo(draft.Location is null ? DialogStep.AwaitingLocation : DialogStep.AwaitingPhotos);
    }

    private void Locate(Intent intent)
    {
        switch (intent.Kind)
        {
            case IntentKind.Location:
                state.Draft!.Location = intent.Location;
                MoveTo(DialogStep.AwaitingPhotos);
                break;
            case IntentKind.Skip:
                MoveTo(DialogStep.AwaitingPhotos);
                break;
            case IntentKind.Text:
                state.Draft!.Place = intent.Text;
                state.Draft.RegionCode = regions.FindIn(intent.Text!)?.Code;
                MoveTo(DialogStep.AwaitingPhotos);
                break;
            case IntentKind.Media:
                AddLocationOrMedia(intent);
                Prompt();
                break;
            default:
                Prompt();
                break;
        }
    }

    private void CollectPhotos(Intent intent)
    {
        var draft = state.Draft!;
        switch (intent.Kind)
        {
            case IntentKind.Media:
                AddLocationOrMedia(intent);
                Say(Choices.DoneOrSkip(Language, anyPhoto: true),
                    draft.Media.Count >= ReportSubmission.MaxMedia ? "PhotoLimit" : "PhotoReceived", draft.Media.Count, ReportSubmission.MaxMedia);
                break;
            case IntentKind.Done or IntentKind.Skip:
                MoveTo(DialogStep.AwaitingAnonymity);
                break;
            case IntentKind.Location:
                AddLocationOrMedia(intent);
                Prompt();
                break;
            default:
                Prompt();
                break;
        }
    }

    private void AnswerYesNo(Intent intent, Action<bool> record, DialogStep next)
    {
        if (intent.Kind is not (IntentKind.Yes or IntentKind.No))
        {
            Say("AnswerYesOrNo");
            Prompt();
            return;
        }

        record(intent.Kind == IntentKind.Yes);
        MoveTo(next);
    }

    private void Confirm(Intent intent)
    {
        switch (intent.Kind)
        {
            case IntentKind.Submit or IntentKind.Yes:
                _effects.Add(new FileDraft(state.Draft!));
                state.Draft = null;
                state.Step = DialogStep.Idle;
                break;
            case IntentKind.No:
                Say("StartAgain");
                StartDraft();
                Prompt();
                break;
            default:
                Prompt();
                break;
        }
    }

    private void ChooseReplyOrNew(Intent intent)
    {
        var held = state.HeldText!;
        switch (intent.Kind)
        {
            case IntentKind.ReplyToThread:
                state.HeldText = null;
                state.Step = DialogStep.Idle;
                _effects.Add(new AddToThread(intent.TrackingId!.Value.Value, held, AnswersQuestion: false));
                break;
            case IntentKind.NewReport:
                state.HeldText = null;
                state.OpenThread = null;
                StartDraft();
                Describe(new Intent(IntentKind.Text, Text: held));
                break;
            default:
                Prompt();
                break;
        }
    }

    private void StartDraft()
    {
        state.Draft = new ReportDraft();
        state.Step = DialogStep.AwaitingDescription;
    }

    private void AddLocationOrMedia(Intent intent)
    {
        var draft = state.Draft!;
        if (intent.Location is { } location)
        {
            draft.Location = location;
        }

        foreach (var file in intent.Media ?? [])
        {
            if (draft.Media.Count < ReportSubmission.MaxMedia)
            {
                draft.Media.Add(file);
            }
        }
    }

    private void MoveTo(DialogStep step)
    {
        state.Step = step;
        Prompt();
    }

    /// <summary>Asks what the current step needs, with its choices.</summary>
    private void Prompt()
    {
        switch (state.Step)
        {
            case DialogStep.AwaitingDescription:
                Say("AskDescription");
                break;
            case DialogStep.AwaitingLocation:
                Say(Choices.Skip(Language), "AskLocation");
                break;
            case DialogStep.AwaitingPhotos:
                Say(Choices.DoneOrSkip(Language, state.Draft!.Media.Count > 0), "AskPhotos", ReportSubmission.MaxMedia);
                break;
            case DialogStep.AwaitingAnonymity:
                Say(Choices.YesNo(Language), "AskAnonymous");
                break;
            case DialogStep.AwaitingSecrecy:
                Say(Choices.YesNo(Language), "AskSecret");
                break;
            case DialogStep.AwaitingConfirmation:
                Say(Choices.SubmitOrCancel(Language), "Summary", SummaryArguments());
                break;
            case DialogStep.AwaitingReplyOrNew:
                var thread = Tracking.TrackingId.Parse(state.OpenThread!).ToDisplayString();
                Say(Choices.ReplyOrNew(Language, thread), "AskReplyOrNew", thread);
                break;
        }
    }

    private object?[] SummaryArguments()
    {
        var draft = state.Draft!;
        var place = draft.Place ?? (draft.Location is { } p
            ? DialogTexts.Get(Language, "SharedLocation", p.Latitude.ToString("F5"), p.Longitude.ToString("F5"))
            : DialogTexts.Get(Language, "NoLocation"));
        return [draft.Text, place, draft.Media.Count, YesNo(draft.IsAnonymous), YesNo(draft.IsSecret)];
    }

    private string YesNo(bool? answer) => DialogTexts.Get(Language, answer == true ? "Yes" : "No");

    private void Say(string key, params object?[] args) => Say(null, key, args);

    private void Say(IReadOnlyList<Choice>? choices, string key, params object?[] args) =>
        _effects.Add(new Say(new OutboundMessage(DialogTexts.Get(Language, key, args), choices)));
}
