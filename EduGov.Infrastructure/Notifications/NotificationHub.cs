using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EduGov.Infrastructure.Notifications;

/// <summary>
/// Tells the open pages of this portal instance that a user's notifications changed (added, or read elsewhere), once the
/// change is committed. Pages subscribe per user — the bell refreshes its count, the home page its tasks. Other instances
/// find out through their pages' slow poll (<see cref="FallbackPoll"/>).
/// </summary>
public sealed class NotificationHub(ILogger<NotificationHub> logger)
{
    /// <summary>How often an open page re-reads in any case, for changes committed by another portal instance.</summary>
    public static readonly TimeSpan FallbackPoll = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _subscribers = new();

    /// <summary>Calls <paramref name="onChange"/> after each committed change to the user's notifications, until disposed.</summary>
    public IDisposable Subscribe(string userId, Func<Task> onChange)
    {
        var subscription = new Subscription(this, userId, onChange);
        _subscribers.GetOrAdd(userId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>How many open pages listen for the user (for tests and diagnostics).</summary>
    public int Listeners(string userId) => _subscribers.TryGetValue(userId, out var set) ? set.Count : 0;

    /// <summary>Calls every subscriber of the users, each on its own, never on the caller's thread nor holding it up.</summary>
    public void Publish(IEnumerable<string> userIds)
    {
        foreach (var userId in userIds.Distinct())
        {
            if (!_subscribers.TryGetValue(userId, out var set)) continue;
            foreach (var subscription in set.Keys)
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await subscription.OnChange();
                    }
                    catch (Exception e)
                    {
                        logger.LogWarning(e, "A page listening for notifications of {User} failed to refresh", userId);
                    }
                });
        }
    }

    // A user's (small) set stays when it empties: removing it could race with a page subscribing at that moment.
    private void Remove(Subscription subscription)
    {
        if (_subscribers.TryGetValue(subscription.UserId, out var set)) set.TryRemove(subscription, out _);
    }

    private sealed class Subscription(NotificationHub hub, string userId, Func<Task> onChange) : IDisposable
    {
        public string UserId { get; } = userId;
        public Func<Task> OnChange { get; } = onChange;
        public void Dispose() => hub.Remove(this);
    }
}

/// <summary>The users whose notifications one context's saves touched, waiting for the transaction to commit.</summary>
public sealed class PendingNotices
{
    private readonly List<string> _users = [];
    private int _saved;

    internal void Add(IEnumerable<string> users) => _users.AddRange(users);

    internal bool Any => _users.Count > 0;

    /// <summary>The save under way succeeded: its users wait for the commit.</summary>
    internal void Saved() => _saved = _users.Count;

    /// <summary>A save that failed tells nobody, even inside a transaction that goes on.</summary>
    internal void DropUnsaved() => _users.RemoveRange(_saved, _users.Count - _saved);

    internal List<string> Take()
    {
        var users = _users.Distinct().ToList();
        Clear();
        return users;
    }

    internal void Clear()
    {
        _users.Clear();
        _saved = 0;
    }
}
