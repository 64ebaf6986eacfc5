namespace Lapor.Hub.Polls;

/// <summary>
/// Starts a poll's invitations when it opens (the channel side implements it: it knows who opted in and how to reach
/// them). Called again after a restart: implementations must be idempotent by poll ID.
/// </summary>
public interface IPollAnnouncer
{
    Task AnnounceAsync(PollView poll);
}
