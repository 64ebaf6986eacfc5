using System.Collections.Concurrent;

namespace Lapor.Hub.Web.Accounts;

/// <summary>
/// Failed sign-ins counted per user name and client address: <see cref="AccountServices.MaxFailedSignIns"/> failures
/// from one address shut that address out of that account for <see cref="AccountServices.LockoutDuration"/>, while the
/// owner signing in from elsewhere is not locked out by someone guessing. Unknown user names are counted the same way,
/// so the answer never tells whether an account exists. Kept in memory: a restart forgets the counts.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    /// <summary>More tracked pairs than this and the expired ones are dropped, so guessing cannot fill the memory.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(string User, string Client), Failures> _failures = new();

    public bool IsShutOut(string userName, string client) =>
        _failures.TryGetValue(Key(userName, client), out var failures) && failures.ShutOutUntil > clock.GetUtcNow();

    /// <summary>Whether some address is shut out of this account (the console shows it as locked, and an admin can lift it).</summary>
    public bool IsShutOutAnywhere(string userName)
    {
        var user = Normalize(userName);
        var now = clock.GetUtcNow();
        return _failures.Any(pair => pair.Key.User == user && pair.Value.ShutOutUntil > now);
    }

    public void RecordFailure(string userName, string client)
    {
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(Key(userName, client),
            _ => new Failures(1, now, null),
            (_, previous) => previous.After(now));
        if (_failures.Count > PruneAbove)
        {
            foreach (var (key, failures) in _failures)
            {
                if (failures.HasExpired(now))
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }

    public void Forget(string userName, string client) => _failures.TryRemove(Key(userName, client), out _);

    /// <summary>An admin unlocking an account lifts it for every address.</summary>
    public void ForgetAccount(string userName)
    {
        var user = Normalize(userName);
        foreach (var key in _failures.Keys.Where(key => key.User == user))
        {
            _failures.TryRemove(key, out _);
        }
    }

    private static (string, string) Key(string userName, string client) => (Normalize(userName), client);

    private static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    private sealed record Failures(int Count, DateTimeOffset FirstAt, DateTimeOffset? ShutOutUntil)
    {
        public Failures After(DateTimeOffset now)
        {
            // A count older than the window starts again, as does one whose shut-out has ended.
            if (HasExpired(now))
            {
                return new Failures(1, now, null);
            }

            var count = Count + 1;
            return this with { Count = count, ShutOutUntil = count >= AccountServices.MaxFailedSignIns ? now + AccountServices.LockoutDuration : ShutOutUntil };
        }

        public bool HasExpired(DateTimeOffset now) =>
            ShutOutUntil is { } until ? until <= now : FirstAt + AccountServices.LockoutDuration <= now;
    }
}
