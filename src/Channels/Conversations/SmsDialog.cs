using System.Security.Cryptography;
using System.Text;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Sms.Text;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>
/// The conversation on SMS, where a basic phone has no buttons and each message costs the citizen: no guided steps. A message
/// that is not a keyword files a report at once (its Filed notice brings the tracking ID and the verification deadline);
/// keywords check a report, reply to one, list the citizen's own, give help, stop and resume messages. Like
/// <see cref="Dialog"/> it changes the conversation state and returns effects; it never calls anything.
/// </summary>
/// <param name="elsewhere">The citizen's reports filed from their other linked addresses, which count as their own too.</param>
public sealed class SmsDialog(ConversationState state, RegionCatalog regions, IReadOnlyCollection<string>? elsewhere = null)
{
    private readonly List<DialogEffect> _effects = [];

    private string Language => state.Language;

    public IReadOnlyList<DialogEffect> Handle(InboundMessage message)
    {
        _effects.Clear();
        var command = SmsKeywords.Parse(message.Text);
        FollowLanguage(command, message.Text);
        if (state.OptedOut && command.Kind is not (SmsCommandKind.Report or SmsCommandKind.PollAnswer or SmsCommandKind.Reply or SmsCommandKind.Start or SmsCommandKind.Help))
        {
            // Stopped: nothing is sent until the citizen resumes or writes a report or reply; help is always answered.
            return [];
        }

        switch (command.Kind)
        {
            case SmsCommandKind.Report:
                Report(command.Text, message);
                break;
            case SmsCommandKind.PollAnswer:
                // No poll was offered: a bare number is a (too short) report, as before polls.
                Report(command.Text, message);
                break;
            case SmsCommandKind.Status:
                Status(command.TrackingId!);
                break;
            case SmsCommandKind.StatusWithoutId:
                Say("SmsCheckUsage");
                break;
            case SmsCommandKind.Reply:
                Reply(command, message);
                break;
            case SmsCommandKind.MyReports:
                _effects.Add(new ListOwnReports());
                break;
            case SmsCommandKind.Help:
                Say("SmsHelp");
                break;
            case SmsCommandKind.Stop:
                state.OptedOut = true;
                Say("SmsStopped");
                break;
            case SmsCommandKind.Start:
                state.OptedOut = false;
                Say("SmsResumed");
                break;
        }

        return _effects.ToArray();
    }

    /// <summary>A keyword said in one language only sets it; otherwise the citizen's words do, unless a command settled it.</summary>
    private void FollowLanguage(SmsCommand command, string? text)
    {
        if (state.LanguageSettled)
        {
            return;
        }

        if ((command.Language ?? LanguageGuess.FromWords(text)) is { } heard)
        {
            state.Language = heard;
            state.LanguageHeard = true;
        }
    }

    private void Report(string text, InboundMessage message)
    {
        if (state.PendingQuestion is { } asked && text.Length > 0)
        {
            // The admin's question said "reply to this message": on SMS the plain answer is that reply.
            state.PendingQuestion = null;
            state.OptedOut = false;
            _effects.Add(new AddToThread(asked, text, AnswersQuestion: true));
            return;
        }

        if (text.Length < ReportSubmission.MinTextLength || Description.IsThin(text))
        {
            if (!state.OptedOut)
            {
                Say("SmsReportTooShort", Description.MinWords);
            }

            return;
        }

        if (text.Length > ReportSubmission.MaxTextLength)
        {
            state.OptedOut = false;
            Say("DescriptionTooLong", text.Length, ReportSubmission.MaxTextLength);
            return;
        }

        state.OptedOut = false;
        state.OpenThread = null;
        _effects.Add(new FileDraft(new ReportDraft
        {
            Id = DraftIdOf(message.MessageId),
            Text = text,
            RegionCode = regions.FindIn(text)?.Code,
            Media = (message.Media ?? []).Take(ReportSubmission.MaxMedia).ToList(),
            IsAnonymous = false,
            IsSecret = false,
        }));
    }

    private void Status(TypedTrackingId typed)
    {
        if (Resolve(typed) is { } id)
        {
            _effects.Add(new ShowStatus(id));
        }
        else
        {
            Say("SmsTrackingIdTypo", typed.Typed);
        }
    }

    private void Reply(SmsCommand command, InboundMessage message)
    {
        if (command.TrackingId is null && state.PendingQuestion is null && state.OpenThread is null && command.Text.Length > 0)
        {
            // "Balas dendam tetangga…" with no report to reply to: the words are a report after all.
            Report((message.Text ?? "").Trim(), message);
            return;
        }

        state.OptedOut = false;
        var trackingId = command.TrackingId is { } typed ? Resolve(typed)?.Value : state.PendingQuestion ?? state.OpenThread;
        if (command.TrackingId is { } mistyped && trackingId is null)
        {
            Say("SmsTrackingIdTypo", mistyped.Typed);
            return;
        }

        if (trackingId is null || command.Text.Length == 0)
        {
            Say("SmsReplyUsage");
            return;
        }

        var answersQuestion = trackingId == state.PendingQuestion;
        state.PendingQuestion = answersQuestion ? null : state.PendingQuestion;
        _effects.Add(new AddToThread(trackingId, command.Text, answersQuestion));
    }

    /// <summary>An ID that passed the check; a mistyped one only if exactly one of its candidates is the citizen's own report.</summary>
    private TrackingId? Resolve(TypedTrackingId typed)
    {
        if (typed.Exact is { } exact)
        {
            return exact;
        }

        return OwnReportTypos.Resolve(state, elsewhere ?? [], typed.Candidates);
    }

    /// <summary>One report per provider message: a redelivered SMS files the same draft, so the same report (ADR 6, 10).</summary>
    private static string DraftIdOf(string messageId) =>
        "sms-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..32];

    private void Say(string key, params object?[] args) =>
        _effects.Add(new Say(new OutboundMessage(DialogTexts.Get(Language, key, args))));
}
