using System.Text.Json;
using Lapor.Hub.Collections;

namespace Lapor.Hub.Tests.Collections;

public sealed class RecentKeysTests
{
    [Fact]
    public void In_arrival_order_the_oldest_key_is_forgotten_first_and_a_repeat_is_not_stored_twice()
    {
        var stored = new List<string>();
        var recent = RecentKeys<string>.InArrivalOrder(stored, capacity: 3);

        foreach (var key in new[] { "a", "b", "b", "c", "d" })
        {
            recent.Remember(key);
        }

        Assert.Equal(["b", "c", "d"], stored);
        Assert.False(recent.Contains("a"));
        Assert.True(recent.Contains("d"));
        Assert.True(recent.IsFull);
    }

    [Fact]
    public void Ascending_keys_stay_sorted_and_the_smallest_is_forgotten_first()
    {
        var stored = new List<long>();
        var recent = RecentKeys<long>.Ascending(stored, capacity: 3);

        foreach (var key in new long[] { 30, 10, 20, 40 })
        {
            recent.Remember(key);
        }

        Assert.Equal([20, 30, 40], stored);
        Assert.Equal(20, recent.Oldest);
        recent.Forget(30);
        Assert.Equal([20, 40], stored);
        Assert.False(recent.IsFull);
    }

    [Fact]
    public void State_stored_as_a_plain_list_before_the_type_existed_loads_and_is_stored_the_same_way()
    {
        var stored = JsonSerializer.Deserialize<List<string>>("""["cmd-1","cmd-2"]""")!;
        var recent = RecentKeys<string>.InArrivalOrder(stored, capacity: 2);

        Assert.True(recent.Contains("cmd-1"));
        recent.Remember("cmd-3");

        Assert.Equal("""["cmd-2","cmd-3"]""", JsonSerializer.Serialize(stored));
    }

    [Fact]
    public void A_memory_of_nothing_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RecentKeys<string>.InArrivalOrder([], capacity: 0));
}
