using Lapor.Hub.Collections;

namespace Lapor.Hub.Channels.Telegram.Inbox;

/// <summary>
/// The most recent update ids of one chat, ascending and bounded. Telegram numbers updates in increasing order,
/// so once the window is full an id older than all it holds is taken as seen: a redelivery that late is far
/// likelier than a new update overtaken by <c>capacity</c> newer ones, and handling it twice is the worse mistake.
/// </summary>
internal static class UpdateIdWindow
{
    public static bool Contains(List<long> window, long updateId, int capacity)
    {
        var recent = RecentKeys<long>.Ascending(window, capacity);
        return recent.Contains(updateId) || (recent.IsFull && updateId < recent.Oldest);
    }

    public static void Add(List<long> window, long updateId, int capacity) =>
        RecentKeys<long>.Ascending(window, capacity).Remember(updateId);

    public static void Remove(List<long> window, long updateId, int capacity) =>
        RecentKeys<long>.Ascending(window, capacity).Forget(updateId);
}
