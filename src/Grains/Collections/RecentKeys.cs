namespace Lapor.Hub.Collections;

/// <summary>
/// A bounded memory of the keys most recently seen (command ids, message ids, outbox keys, update ids), used to
/// refuse a redelivery. It works over the grain state's own list, so the stored shape stays a plain JSON array
/// and state written before this type existed loads unchanged. When full, the oldest key is forgotten first.
/// </summary>
public sealed class RecentKeys<TKey>
    where TKey : notnull
{
    private readonly List<TKey> _keys;
    private readonly int _capacity;
    private readonly bool _ascending;

    private RecentKeys(List<TKey> keys, int capacity, bool ascending)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _keys = keys;
        _capacity = capacity;
        _ascending = ascending;
    }

    public int Count => _keys.Count;

    public bool IsFull => _keys.Count >= _capacity;

    /// <summary>The key forgotten next: the first remembered, or in an ascending memory the smallest.</summary>
    public TKey Oldest => _keys[0];

    /// <summary>Keys kept in the order they were remembered.</summary>
    public static RecentKeys<TKey> InArrivalOrder(List<TKey> keys, int capacity) => new(keys, capacity, ascending: false);

    /// <summary>Keys kept sorted, for keys that grow (Telegram's update ids): the smallest is forgotten first.</summary>
    public static RecentKeys<TKey> Ascending(List<TKey> keys, int capacity) => new(keys, capacity, ascending: true);

    public bool Contains(TKey key) => _ascending ? _keys.BinarySearch(key) >= 0 : _keys.Contains(key);

    public void Remember(TKey key)
    {
        if (_ascending)
        {
            var index = _keys.BinarySearch(key);
            if (index >= 0)
            {
                return;
            }

            _keys.Insert(~index, key);
        }
        else
        {
            if (_keys.Contains(key))
            {
                return;
            }

            _keys.Add(key);
        }

        if (_keys.Count > _capacity)
        {
            _keys.RemoveRange(0, _keys.Count - _capacity);
        }
    }

    /// <summary>Takes back a key remembered for something that did not happen after all (its write failed).</summary>
    public void Forget(TKey key) => _keys.Remove(key);
}
