namespace EduGov.Infrastructure.Bulletins;

/// <summary>Where a bulletin gets its 督办 section (the 督办 area's <see cref="Urging.UrgingService"/>); tests put in a fixed one.</summary>
public interface IUrgingSource
{
    /// <returns>The city's outstanding 督办 as of <paramref name="today"/>, or null to leave the section out.</returns>
    Task<UrgingSection?> OutstandingAsync(int cityId, string cityPath, DateOnly today, CancellationToken ct = default);
}
