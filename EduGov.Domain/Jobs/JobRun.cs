using EduGov.Domain.Common;

namespace EduGov.Domain.Jobs;

/// <summary>
/// What started a run: its schedule, a person (立即运行), a retry after a failure, a catch-up after downtime, or the
/// recovery of a run whose instance died while it ran (another instance of the cluster runs it again).
/// </summary>
public enum RunCause { Scheduled = 1, Manual, Retry, CatchUp, Recovery }

public enum RunOutcome { Running = 1, Succeeded, Failed }

/// <summary>
/// One run of a scheduled job, kept as its history: when it was due and when it started, what started it, how long it
/// took, what it made or why it failed, and when it will be tried again.
/// </summary>
public sealed class JobRun
{
    private JobRun() { }

    public int Id { get; private set; }
    public string Job { get; private set; } = "";
    /// <summary>Quartz's id of the firing, which ties the end of a run to its start.</summary>
    public string FireId { get; private set; } = "";
    public RunCause Cause { get; private set; }
    public int Attempt { get; private set; }
    public string StartedBy { get; private set; } = "";
    public DateTime DueAtUtc { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    public RunOutcome Outcome { get; private set; }
    public long? DurationMs { get; private set; }
    public string? Summary { get; private set; }
    public string? Error { get; private set; }
    public DateTime? RetryAtUtc { get; private set; }
    /// <summary>The scheduler instance that ran it: in a cluster, which web instance.</summary>
    public string? Node { get; private set; }

    /// <summary>A scheduled firing that starts later than the misfire threshold after it was due was missed while the portal was down.</summary>
    public static JobRun Start(string job, string fireId, RunCause cause, int attempt, string startedBy, DateTime dueAtUtc, DateTime startedAtUtc,
        TimeSpan misfireThreshold, string? node = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (cause == RunCause.Scheduled && startedAtUtc - dueAtUtc > misfireThreshold) cause = RunCause.CatchUp;
        return new JobRun
        {
            Job = Guard.Required(job, 100, "Job"), FireId = Guard.Required(fireId, 140, "FireId"), Cause = cause, Attempt = attempt,
            StartedBy = Guard.Required(startedBy, 100, "StartedBy"), DueAtUtc = dueAtUtc, StartedAtUtc = startedAtUtc, Outcome = RunOutcome.Running,
            Node = node is { Length: > 0 } ? Guard.Required(node, 200, "Node") : null,
        };
    }

    public void Succeed(TimeSpan duration, string? summary)
    {
        (Outcome, DurationMs, Summary) = (RunOutcome.Succeeded, (long)duration.TotalMilliseconds, Truncate(summary, 1000));
    }

    public void Fail(TimeSpan duration, string error, DateTime? retryAtUtc)
    {
        (Outcome, DurationMs, Error, RetryAtUtc) = (RunOutcome.Failed, (long)duration.TotalMilliseconds, Truncate(error, 2000) ?? "", retryAtUtc);
    }

    private static string? Truncate(string? text, int length) => text is { Length: > 0 } t && t.Length > length ? t[..length] : text;
}

/// <summary>A failed run is tried again after <see cref="Delay"/>, then twice that, … until <see cref="MaxAttempts"/> runs in all.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan Delay)
{
    /// <summary>When attempt <paramref name="attempt"/> (from 1), failed at <paramref name="failedAtUtc"/>, is tried again; null when it was the last.</summary>
    public DateTime? NextAttemptAt(int attempt, DateTime failedAtUtc) =>
        attempt < MaxAttempts ? failedAtUtc + Delay * attempt : null;
}
