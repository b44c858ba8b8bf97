using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EduGov.Infrastructure.Common;

/// <summary>
/// The portal's own measurements (meter "EduGov"), counted where the work happens: job runs in <see cref="Jobs.JobRunRecorder"/>,
/// import rows in the three imports, document printing in <see cref="Supervision.ChromiumPdfPrinter"/>. Plain
/// System.Diagnostics.Metrics: the web host exports them (Prometheus), and tests read them with a listener.
/// </summary>
public sealed class EduGovMetrics
{
    public const string MeterName = "EduGov";

    private readonly Counter<long> _jobRuns;
    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _importRows;
    private readonly Histogram<double> _printDuration;

    public EduGovMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _jobRuns = meter.CreateCounter<long>("edugov.job.runs", "{run}", "Runs of the scheduled jobs, by job and outcome (succeeded, failed).");
        _jobDuration = meter.CreateHistogram<double>("edugov.job.duration", "s", "How long the scheduled jobs' runs took, by job and outcome.",
            advice: Buckets(0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600));
        _importRows = meter.CreateCounter<long>("edugov.import.rows", "{row}", "Rows read by the imports, by kind (training, teachers, filing) and outcome (imported, refused).");
        _printDuration = meter.CreateHistogram<double>("edugov.document.print.duration", "s", "How long Chromium took to print a document to PDF, by outcome.",
            advice: Buckets(0.25, 0.5, 1, 2, 3, 5, 10, 30, 60));
    }

    // Seconds, from a quick run to an hour's: the SDK's default buckets are for milliseconds.
    private static InstrumentAdvice<double> Buckets(params double[] seconds) => new() { HistogramBucketBoundaries = seconds };

    public void JobRan(string job, bool succeeded, TimeSpan duration)
    {
        var tags = new TagList { { "job", job }, { "outcome", succeeded ? "succeeded" : "failed" } };
        _jobRuns.Add(1, tags);
        _jobDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Counts the rows of an import and hands its outcome back, so an import records it where it returns.</summary>
    public ImportOutcome Imported(string kind, ImportOutcome outcome)
    {
        _importRows.Add(outcome.Rows, new TagList { { "kind", kind }, { "outcome", outcome.Succeeded ? "imported" : "refused" } });
        return outcome;
    }

    public void Printed(TimeSpan duration, bool succeeded) =>
        _printDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
}
