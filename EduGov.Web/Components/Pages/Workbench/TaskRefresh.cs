namespace EduGov.Web.Components.Pages.Workbench;

/// <summary>
/// The live-refresh hook of the workbench, one per circuit (scoped): the pages that show tasks (the home page) subscribe while
/// they are open, and whatever in the circuit learns that the work has changed — the bell when a notification arrives — calls
/// <see cref="RefreshAsync"/>, and every subscribed page reads its tasks again.
/// </summary>
public sealed class TaskRefresh
{
    private readonly List<Func<Task>> _pages = [];

    public IDisposable Subscribe(Func<Task> refresh)
    {
        lock (_pages) _pages.Add(refresh);
        return new Subscription(this, refresh);
    }

    public Task RefreshAsync()
    {
        Func<Task>[] pages;
        lock (_pages) pages = [.. _pages];
        return Task.WhenAll(pages.Select(refresh => refresh()));
    }

    private sealed class Subscription(TaskRefresh owner, Func<Task> refresh) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._pages) owner._pages.Remove(refresh);
        }
    }
}
