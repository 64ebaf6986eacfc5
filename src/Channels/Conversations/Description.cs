namespace Lapor.Hub.Channels.Conversations;

/// <summary>How much a citizen's description says, for both dialogs: fewer words than this rarely say both what is wrong and where or since when.</summary>
public static class Description
{
    public const int MinWords = 4;

    public static int WordCount(string text) =>
        text.Split([' ', '\n', '\r', '\t', ',', '.'], StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>"lampu mati": an admin could not act on it without asking what and where.</summary>
    public static bool IsThin(string text) => WordCount(text) < MinWords;
}
