using Lapor.Hub.Channels.Telegram.Inbox;

namespace Lapor.Hub.Tests.Channels.Telegram;

public sealed class UpdateIdWindowTests
{
    [Fact]
    public void The_window_keeps_only_the_most_recent_ids_and_treats_older_ones_as_seen()
    {
        var window = new List<long>();
        foreach (var id in Enumerable.Range(1, 10).Reverse())
        {
            UpdateIdWindow.Add(window, id, capacity: 4);
        }

        Assert.Equal([7, 8, 9, 10], window);
        Assert.True(UpdateIdWindow.Contains(window, 9, capacity: 4));
        Assert.True(UpdateIdWindow.Contains(window, 3, capacity: 4));
        Assert.False(UpdateIdWindow.Contains(window, 11, capacity: 4));
    }

    [Fact]
    public void Until_the_window_is_full_an_older_id_is_still_new()
    {
        var window = new List<long> { 50, 60 };

        Assert.False(UpdateIdWindow.Contains(window, 40, capacity: 4));
        UpdateIdWindow.Add(window, 40, capacity: 4);
        UpdateIdWindow.Add(window, 60, capacity: 4);
        Assert.Equal([40, 50, 60], window);
    }
}
