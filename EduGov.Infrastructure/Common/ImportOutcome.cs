using System.Diagnostics;

namespace EduGov.Infrastructure.Common;

/// <summary>
/// What an import did, the same for every import so that one panel on the pages and one printout in the CLI show it:
/// rows read, added, updated and unchanged, or the rows that refused the file (then nothing was written).
/// <see cref="Skipped"/> counts a template's sample rows, which are neither read as data nor counted in <see cref="Rows"/>.
/// </summary>
public sealed record ImportOutcome(IReadOnlyList<ImportError> Errors, int ErrorCount, int Rows, int Added, int Updated, int Unchanged,
    TimeSpan Elapsed, int Submitted = 0, int Skipped = 0)
{
    public bool Succeeded => ErrorCount == 0;

    public static ImportOutcome Refused(ImportErrorList errors, int rows, Stopwatch watch, int skipped = 0) =>
        new(errors.Kept, errors.Count, rows, 0, 0, 0, watch.Elapsed, Skipped: skipped);
}

/// <summary>Rows checked or written so far, for a progress bar; <see cref="Phase"/> is "check" or "write".</summary>
public sealed record ImportProgress(string Phase, int Rows);

/// <summary>
/// The refusals of one import, counted all and kept up to a bound: a page lists the first <see cref="Shown"/>, the
/// download of the list has every one kept, and a file of a million bad rows still cannot fill the memory.
/// </summary>
public sealed class ImportErrorList
{
    public const int Shown = 200;
    public const int MaxKept = 100_000;

    private readonly List<ImportError> _kept = [];

    public int Count { get; private set; }

    public IReadOnlyList<ImportError> Kept => _kept;

    public void Add(ImportError error)
    {
        Count++;
        if (_kept.Count < MaxKept) _kept.Add(error);
    }
}
