namespace EduGov.Infrastructure.Bulletins;

/// <summary>
/// Where a bulletin gets its 督办 section. The 督办 (urging) area is built on its own branch: until it is merged, the portal
/// registers <see cref="NoUrgings"/> and the bulletin leaves the section out. At the merge, implement this one method over
/// the 督办 table (issued, not closed, in the city; overdue = past the deadline) and register that class instead.
/// </summary>
public interface IUrgingSource
{
    /// <returns>The city's outstanding 督办 as of <paramref name="today"/>, or null when there is no source.</returns>
    Task<UrgingSection?> OutstandingAsync(int cityId, string cityPath, DateOnly today, CancellationToken ct = default);
}

/// <summary>No 督办 source yet: the bulletin has no 督办 section.</summary>
public sealed class NoUrgings : IUrgingSource
{
    public Task<UrgingSection?> OutstandingAsync(int cityId, string cityPath, DateOnly today, CancellationToken ct = default) =>
        Task.FromResult<UrgingSection?>(null);
}
