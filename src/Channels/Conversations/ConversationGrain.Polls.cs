using Lapor.Hub.Channels.Citizens;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Polls;
using Lapor.Hub.Channels.Sms.Text;
using Lapor.Hub.Channels.WhatsApp;
using Lapor.Hub.Polls;
using Lapor.Hub.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>
/// Policy polls in the chat (issue 14, ADR 30): the opt-in question after the first report, "stop" and "polling",
/// invitations from a poll's job, and votes from a tap or a typed number. Poll buttons are checked against the polls this
/// chat was offered, never against the report dialog's choices: a forged or stale payload is not counted.
/// </summary>
public sealed partial class ConversationGrain
{
    private const int OfferedPollsKept = 10;
    private const int PollsListed = 3;
    private const int SmsLabelLength = 30;

    private PollChatState Polls => Conversation.Polls;

    /// <summary>The citizen key a vote from this chat counts under: one person across linked channels votes once.</summary>
    private string VoterKey => CitizenPhone is { } phone ? $"phone:{phone}" : $"chat:{_address}";

    private bool PollsRefused => Polls.OptedIn == false || Conversation.OptedOut;

    public async Task<InvitationOutcome> InviteToPoll(PollInvitation poll)
    {
        if (PollsRefused)
        {
            return InvitationOutcome.Skipped;
        }

        if (_address.Channel == ChannelNames.WhatsApp
            && !WhatsAppWindow.IsOpen(await GrainFactory.GetWhatsAppWindow(_address).LastInboundAt(), clock.UtcNow)
            && ServiceProvider.GetService<IOptions<WhatsAppOptions>>()?.Value.CanSendPollTemplate != true)
        {
            // Outside the 24-hour window only an approved template may go, and WhatsApp:PollTemplate is not set (ADR 30).
            logger.LogInformation("Poll {PollId} not sent to {Address}: WhatsApp's 24-hour window is closed and no poll template is set",
                poll.PollId, _address.Masked);
            return InvitationOutcome.Skipped;
        }

        // Offered either way it goes (buttons, or the template when the window is closed by the time it is sent): the
        // citizen's "polling" or a typed number then answers this poll.
        try
        {
            Offer(poll);
            await Outbox().Enqueue($"poll:{poll.PollId}", PollInvitationMessage(poll), about: null);
            await stored.WriteStateAsync();
        }
        catch
        {
            // Not offered unless sent and stored: start over from storage.
            DeactivateOnIdle();
            throw;
        }

        return InvitationOutcome.Invited;
    }

    public async Task OptOutOfPolls()
    {
        if (Polls.OptedIn == false)
        {
            return;
        }

        Polls.OptedIn = false;
        Polls.Choices.Clear();
        await SyncPollRegisterAsync();
        await stored.WriteStateAsync();
    }

    /// <summary>
    /// The poll part of a message: a poll button, a typed number or yes/no after poll buttons, or a poll word. Returns what
    /// the report dialog should still do (ask its current question again mid-report), or null when the message is not about polls.
    /// </summary>
    private async Task<IReadOnlyList<DialogEffect>?> HandlePollsAsync(InboundMessage message, Dialog dialog, Replies replies)
    {
        if (PollChoiceIn(message) is { } value)
        {
            await ChoosePollAsync(value, message, replies);
            return AfterPolls(dialog);
        }

        switch (PollCommandIn(message))
        {
            case PollCommand.StopHere:
                await OptOutOfPolls();
                await replies.SayAsync("PollStopped");
                return AfterPolls(dialog);
            case PollCommand.StopEverywhere:
                var stopped = await StopPollsEverywhereAsync();
                await replies.SayAsync("PollStoppedEverywhere", stopped);
                return AfterPolls(dialog);
            case PollCommand.List:
                await ListPollsAsync(replies);
                return AfterPolls(dialog);
            default:
                return null;
        }
    }

    /// <summary>Mid-report the dialog asks its question again (the draft is kept); between reports nothing more.</summary>
    private IReadOnlyList<DialogEffect> AfterPolls(Dialog dialog) => IsSms || Conversation.Step == DialogStep.Idle ? [] : dialog.Reprompt();

    /// <summary>A tapped poll value, or a typed number / yes-no that answers the latest poll buttons when no report question is pending.</summary>
    private string? PollChoiceIn(InboundMessage message)
    {
        if (message.ChoiceValue is { } tapped)
        {
            return PollChoices.IsPollValue(tapped) ? tapped : null;
        }

        if (Conversation.OfferedChoices.Count > 0 || Polls.Choices.Count == 0 || (IsSms ? false : Conversation.Step != DialogStep.Idle))
        {
            return null;
        }

        var typed = IsSms ? SmsKeywords.Parse(message.Text) is { Kind: SmsCommandKind.PollAnswer } answer ? answer.Text : null : message.Text;
        if (Choices.Numbered(typed, Polls.Choices) is { } numbered)
        {
            return numbered;
        }

        if (!IsSms && Polls.Choices.Contains(PollChoices.OptInYes))
        {
            return IntentParser.Parse(message).Kind switch
            {
                IntentKind.Yes => PollChoices.OptInYes,
                IntentKind.No => PollChoices.OptInNo,
                _ => null,
            };
        }

        return null;
    }

    private PollCommand? PollCommandIn(InboundMessage message)
    {
        if (message.ChoiceValue is not null)
        {
            return null;
        }

        if (!IsSms)
        {
            return PollWords.Parse(message.Text);
        }

        // On SMS, STOP/BERHENTI alone keeps its meaning (no messages at all, polls included): SmsDialog handles it.
        return SmsKeywords.Parse(message.Text).Kind switch
        {
            SmsCommandKind.StopPolls => PollCommand.StopHere,
            SmsCommandKind.StopAll => PollCommand.StopEverywhere,
            SmsCommandKind.Polls => PollCommand.List,
            _ => null,
        };
    }

    private async Task ChoosePollAsync(string value, InboundMessage message, Replies replies)
    {
        if (value is PollChoices.OptInYes or PollChoices.OptInNo)
        {
            if (!Polls.Choices.Contains(value))
            {
                logger.LogWarning("Conversation {Address}: poll opt-in {Choice} was not offered; ignored", _address.Masked, value);
                return;
            }

            Polls.OptedIn = value == PollChoices.OptInYes;
            Polls.OptInAsked = true;
            Polls.Choices.Clear();
            logger.LogInformation("Conversation {Address} opted {Direction} of polls", _address.Masked, Polls.OptedIn == true ? "in" : "out");
            await replies.SayAsync(Polls.OptedIn == true ? "PollOptedIn" : "PollOptInDeclined");
            return;
        }

        if (PollChoices.ParseVote(value) is not { } vote || Polls.Offered.Find(p => p.PollId == vote.PollId) is not { } offered)
        {
            logger.LogWarning("Conversation {Address}: answer {Choice} to a poll not offered here; not counted", _address.Masked, value);
            await replies.SayAsync("PollNotOffered");
            return;
        }

        if (PollsRefused)
        {
            logger.LogInformation("Conversation {Address} opted out of polls: answer to poll {PollId} not counted", _address.Masked, vote.PollId);
            if (!Conversation.OptedOut)
            {
                await replies.SayAsync("PollAnswerOptedOut");
            }

            return;
        }

        var voter = new Voter(VoterKey, _address.Channel, Polls.RegionCode, Polls.Agencies.ToArray(),
            ChatKey: CitizenPhone is null ? null : $"chat:{_address}");
        var result = await GrainFactory.GetPoll(vote.PollId).Vote(new Ballot(voter, vote.Number - 1, message.MessageId, clock.UtcNow));
        var label = vote.Number <= offered.Options.Count ? offered.Options[vote.Number - 1] : "";
        var text = Text("PollVote" + result.Outcome, IsSms ? PollChoices.Cut(label, SmsLabelLength) : label);
        if (result.Results is { } results)
        {
            // On SMS the answer and the results fit two segments together.
            var budget = IsSms ? PollResultsText.TwoSmsSegments - text.Length - 6 : (int?)null;
            text += "\n\n" + PollResultsText.Format(Text("PollResultsHeader", results.Total), offered.Options, results, budget);
        }

        await replies.SendAsync(new OutboundMessage(text));
    }

    private async Task<int> StopPollsEverywhereAsync()
    {
        await OptOutOfPolls();
        if (CitizenPhone is not { } phone)
        {
            return 1;
        }

        var addresses = await GrainFactory.GetCitizen(phone).Addresses();
        foreach (var address in addresses.Where(a => a != _address))
        {
            await GrainFactory.GetConversation(address).OptOutOfPolls();
        }

        logger.LogInformation("Citizen {Phone} opted out of polls on {Count} addresses", ChannelAddress.MaskId(phone), addresses.Count);
        return Math.Max(addresses.Count, 1);
    }

    /// <summary>"polling": the open polls this chat is in the audience of, each sent with its buttons. Asking for them is opting in.</summary>
    private async Task ListPollsAsync(Replies replies)
    {
        if (Polls.OptedIn != true)
        {
            Polls.OptedIn = true;
            Polls.OptInAsked = true;
            logger.LogInformation("Conversation {Address} asked for polls: opted in", _address.Masked);
        }

        // On SMS, asking for polls after STOP is starting again (as MULAI is): answers from a stopped number are not counted.
        Conversation.OptedOut = false;

        var now = clock.UtcNow;
        var open = ServiceProvider.GetService<IPollQueries>() is { } queries
            ? await queries.ListAsync(new PollListQuery(StatusIn: [PollStatus.Open], PageSize: PollListQuery.MaxPageSize))
            : [];
        var listed = 0;
        foreach (var entry in open.Where(p => p.OpensAt <= now && now < p.ClosesAt && InAudience(p)).OrderByDescending(p => p.OpensAt))
        {
            if (listed == PollsListed)
            {
                break;
            }

            if (await GrainFactory.GetPoll(entry.PollId).Get(null) is { Status: PollStatus.Open } view)
            {
                var poll = PollInvitation.Of(view);
                Offer(poll);
                await replies.SendAsync(PollMessage(poll));
                listed++;
            }
        }

        if (listed == 0)
        {
            await replies.SayAsync("PollsNone");
        }
    }

    private bool InAudience(PollIndexEntry poll) => poll.Audience.Kind switch
    {
        PollAudienceKind.Regions => Polls.RegionCode is { } region
            && (poll.Audience.RegionCodes ?? []).Any(code => region == code || region.StartsWith(code + ".", StringComparison.Ordinal)),
        PollAudienceKind.AgencyReporters => Polls.Agencies.Contains(poll.AgencyCode),
        _ => true,
    };

    private void Offer(PollInvitation poll)
    {
        Polls.Offered.RemoveAll(p => p.PollId == poll.PollId);
        Polls.Offered.Add(new OfferedPoll(poll.PollId, poll.Options, clock.UtcNow));
        if (Polls.Offered.Count > OfferedPollsKept)
        {
            Polls.Offered.RemoveRange(0, Polls.Offered.Count - OfferedPollsKept);
        }

        Polls.Choices = poll.Options.Select((_, i) => PollChoices.VoteValue(poll.PollId, i + 1)).ToList();
    }

    /// <summary>The poll with a button per option; where a channel cuts button labels, the full options are in the text too.</summary>
    private OutboundMessage PollMessage(PollInvitation poll)
    {
        var maxLabel = MaxPollLabelLength(poll.Options.Count);
        var lines = new List<string> { Text("PollInvitation", poll.Question) };
        if (!string.IsNullOrWhiteSpace(poll.Explanation))
        {
            lines.Add(poll.Explanation);
        }

        if (poll.Options.Any(option => option.Length > maxLabel))
        {
            lines.AddRange(poll.Options.Select((option, i) => $"{i + 1}. {option}"));
        }

        lines.Add(Text(IsSms ? "PollAnswerByNumber" : "PollChooseOne"));
        return new OutboundMessage(string.Join('\n', lines), PollChoices.Options(poll, maxLabel));
    }

    /// <summary>The poll with its buttons; on WhatsApp also what the poll template needs, should the window be closed when it goes.</summary>
    private OutboundMessage PollInvitationMessage(PollInvitation poll) =>
        _address.Channel == ChannelNames.WhatsApp
            ? PollMessage(poll) with { PollInvite = new PollInviteSummary(poll.PollId, OneLine(poll.Question), Conversation.Language) }
            : PollMessage(poll);

    /// <summary>WhatsApp Cloud: reply buttons (up to 3) take 20 characters, list rows 24; Telegram and web chat buttons are cut at 60.</summary>
    private int MaxPollLabelLength(int options) => _address.Channel switch
    {
        ChannelNames.WhatsApp when ServiceProvider.GetService<IOptions<WhatsAppOptions>>()?.Value.Provider == WhatsAppOptions.CloudProvider =>
            options <= 3 ? 20 : 24,
        ChannelNames.WhatsApp or ChannelNames.Sms => int.MaxValue,
        _ => 60,
    };

    /// <summary>After the first report: the region of the latest report, and the opt-in question, once.</summary>
    private async Task AfterFilingForPollsAsync(string? regionCode, Replies replies)
    {
        Polls.RegionCode = regionCode ?? Polls.RegionCode;
        if (Polls.OptInAsked || Polls.OptedIn is not null)
        {
            return;
        }

        Polls.OptInAsked = true;
        Polls.Choices = [PollChoices.OptInYes, PollChoices.OptInNo];
        await replies.SendAsync(new OutboundMessage(Text("PollOptInQuestion"), PollChoices.OptIn(Conversation.Language)));
    }

    /// <summary>A report forwarded to an agency: the chat is among that agency's reporters (an audience of its polls).</summary>
    private void LearnAgency(ReportNotice notice)
    {
        if (notice.Kind == ReportEventKind.Forwarded && notice.AgencyCode is { } agency && !Polls.Agencies.Contains(agency))
        {
            Polls.Agencies.Add(agency);
        }
    }

    /// <summary>Writes the chat's row of the opt-in register when it changed; a chat that never answered has none.</summary>
    private async Task SyncPollRegisterAsync()
    {
        if ((Polls.OptedIn is null && Polls.Registered is null) || ServiceProvider.GetService<IPollSubscribers>() is not { } register)
        {
            return;
        }

        var subscriber = new PollSubscriber(_address.ToString(), VoterKey, _address.Channel, Conversation.Language, Polls.RegionCode,
            Polls.Agencies.ToArray(), Polls.OptedIn == true && !Conversation.OptedOut, clock.UtcNow);
        var signature = string.Join('\u001f', subscriber.VoterKey, subscriber.Language, subscriber.RegionCode,
            string.Join(',', subscriber.ReportedToAgencies), subscriber.OptedIn);
        if (signature == Polls.Registered)
        {
            return;
        }

        await register.UpsertAsync(subscriber);
        Polls.Registered = signature;
    }
}
