using System.Globalization;
using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Polls;

/// <summary>
/// The buttons of polls: the opt-in question ("polls:yes", "polls:no") and each poll's options ("poll:&lt;id&gt;:&lt;n&gt;",
/// n counting from 1 as the citizen reads them). Kept apart from the report dialog's choices, so a poll never answers
/// a dialog question and the reverse.
/// </summary>
public static class PollChoices
{
    public const string OptInYes = "polls:yes";
    public const string OptInNo = "polls:no";
    private const string VotePrefix = "poll:";

    public static bool IsPollValue(string? value) =>
        value is not null && (value == OptInYes || value == OptInNo || value.StartsWith(VotePrefix, StringComparison.Ordinal));

    public static IReadOnlyList<Choice> OptIn(string language) =>
        [new(OptInYes, DialogTexts.Get(language, "PollOptInYesButton")), new(OptInNo, DialogTexts.Get(language, "PollOptInNoButton"))];

    public static IReadOnlyList<Choice> Options(PollInvitation poll, int maxLabelLength) =>
        poll.Options.Select((option, i) => new Choice(VoteValue(poll.PollId, i + 1), Cut(option, maxLabelLength))).ToArray();

    public static string VoteValue(string pollId, int number) => $"{VotePrefix}{pollId}:{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"poll:abc:2" is (abc, 2); anything else, or a value too long for a button, is null.</summary>
    public static (string PollId, int Number)? ParseVote(string value)
    {
        if (!value.StartsWith(VotePrefix, StringComparison.Ordinal) || System.Text.Encoding.UTF8.GetByteCount(value) > Choice.MaxValueBytes)
        {
            return null;
        }

        var rest = value[VotePrefix.Length..];
        var separator = rest.LastIndexOf(':');
        return separator > 0 && int.TryParse(rest[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 99
            ? (rest[..separator], number)
            : null;
    }

    public static string Cut(string text, int maxLength) => text.Length <= maxLength ? text : text[..(maxLength - 1)].TrimEnd() + "…";
}
