namespace Lapor.Hub.Channels.Telegram.Inbox;

/// <summary>
/// The most recent update ids of one chat, ascending and bounded. Telegram numbers updates in increasing order,
/// so once the window is full an id older than all it holds is taken as seen: a redelivery that late is far
/// likelier than a new update overtaken by <c>capacity</c> newer ones, and handling it twice is the worse mistake.
/// </summary>
internal static class UpdateIdWindow
{
    public static bool Contains(List<long> window, long updateId, int capacity) =>
        window.BinarySearch(updateId) >= 0 || (window.Count >= capacity && updateId < window[0]);

    public static void Add(List<long> window, long updateId, int capacity)
    {
        var index = window.BinarySearch(updateId);
        if (index >= 0)
        {
            return;
        }

        window.Insert(~index, updateId);
        if (window.Count > capacity)
        {
            window.RemoveRange(0, window.Count - capacity);
        }
    }
}
