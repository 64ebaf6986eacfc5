namespace Lapor.Hub.Channels.Polls;

public enum PollCommand
{
    /// <summary>"berhenti", "stop", "stop polling": no more polls in this chat.</summary>
    StopHere,
    /// <summary>"berhenti semua", "stop all": no more polls on any of the citizen's linked chats and numbers.</summary>
    StopEverywhere,
    /// <summary>"polling", "polls", "/polls": the open polls for this citizen.</summary>
    List,
}

/// <summary>The poll words typed in a chat (web chat, Telegram, WhatsApp); SMS reads them through its keywords.</summary>
public static class PollWords
{
    private static readonly Dictionary<string, PollCommand> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["berhenti"] = PollCommand.StopHere, ["stop"] = PollCommand.StopHere, ["/stop"] = PollCommand.StopHere,
        ["berhenti polling"] = PollCommand.StopHere, ["stop polling"] = PollCommand.StopHere, ["stop polls"] = PollCommand.StopHere,
        ["berhenti semua"] = PollCommand.StopEverywhere, ["stop all"] = PollCommand.StopEverywhere, ["/stopall"] = PollCommand.StopEverywhere,
        ["polling"] = PollCommand.List, ["polls"] = PollCommand.List, ["/polls"] = PollCommand.List, ["/polling"] = PollCommand.List,
    };

    public static PollCommand? Parse(string? text)
    {
        var words = string.Join(' ', (text ?? "").Trim().TrimEnd('.', '!').Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return Words.TryGetValue(words, out var command) ? command : null;
    }
}
