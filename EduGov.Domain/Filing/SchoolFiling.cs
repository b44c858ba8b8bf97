using System.Globalization;
using System.Reflection;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Filing;

/// <summary>草稿 → 已提交 → 已通过, or 已退回 back to the school; an approved filing can be reopened by the commission.</summary>
public enum FilingStatus { Draft = 1, Submitted, Returned, Approved }

public enum FilingAction { Saved = 1, Submitted, Returned, Approved, Reopened, Imported }

/// <summary>What a person does next with a school's filing, and so what a link to it says: 审核, 填报 or 查看.</summary>
public enum FilingStep { View = 1, Fill, Review }

/// <summary>One figure changed by a step of a filing's history, its values typed as the survey holds them (null for empty).</summary>
public sealed record FilingChange(string Field, object? Before, object? After)
{
    private static readonly Dictionary<string, PropertyInfo> Properties = typeof(SchoolSurvey).GetProperties().ToDictionary(p => p.Name);

    /// <summary>How a value is written into a step's changes: invariant, on one line, "—" for empty.</summary>
    internal static string Write(object? value) => value switch
    {
        null => Empty,
        string text => text.ReplaceLineEndings(" "),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? Empty,
    };

    /// <summary>A value read back as the figure's own type; the text itself when the field or the value is not known.</summary>
    internal static object? Read(string field, string text)
    {
        text = text.Trim();
        if (text == Empty) return null;
        if (!Properties.TryGetValue(field, out var property)) return text;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(bool)) return bool.TryParse(text, out var b) ? b : text;
        if (type == typeof(int)) return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : text;
        if (type.IsEnum) return Enum.TryParse(type, text, out var e) ? e : text;
        return text;
    }

    internal const string Empty = "—";
    internal const string Arrow = " → ";
}

/// <summary>One step of a filing's history: who, when, what, and which figures changed.</summary>
public sealed class FilingEvent
{
    private FilingEvent() { }

    internal FilingEvent(FilingAction action, string by, DateTime atUtc, string? comment, string? changes)
    {
        Action = action;
        By = by;
        AtUtc = atUtc;
        Comment = comment;
        Changes = changes;
    }

    public long Id { get; private set; }
    public int FilingId { get; private set; }
    public FilingAction Action { get; private set; }
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string? Comment { get; private set; }
    /// <summary>One line per field: "field: old → new" for a save, "field: reason" for a return.</summary>
    public string? Changes { get; private set; }

    /// <summary>The figures a save or an import changed, with their values before and after; none for other steps.</summary>
    public IReadOnlyList<FilingChange> ChangedFigures() =>
        Action == FilingAction.Returned ? [] : Lines().Select(l =>
        {
            var arrow = l.Text.IndexOf(FilingChange.Arrow, StringComparison.Ordinal);
            return arrow < 0 ? new FilingChange(l.Field, null, FilingChange.Read(l.Field, l.Text))
                : new FilingChange(l.Field, FilingChange.Read(l.Field, l.Text[..arrow]), FilingChange.Read(l.Field, l.Text[(arrow + FilingChange.Arrow.Length)..]));
        }).ToList();

    /// <summary>The figures a return named, each with its reason; none for other steps.</summary>
    public IReadOnlyList<ReturnedField> ReturnedFigures() =>
        Action == FilingAction.Returned ? Lines().Select(l => new ReturnedField(l.Field, l.Text.Trim())).ToList() : [];

    private IEnumerable<(string Field, string Text)> Lines() =>
        (Changes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.IndexOf(':') is var colon and > 0 ? (line[..colon], line[(colon + 1)..]) : ("", line));
}

/// <summary>A figure the district sent back, and why.</summary>
public sealed record ReturnedField(string Field, string Reason)
{
    public const int MaxReason = 200;
}

/// <summary>
/// A school's filing for one reporting period and its review. The workflow's rules live here, so no page or API
/// can skip a step: only drafts and returned filings change, only complete and valid ones are submitted, only
/// submitted ones are reviewed, only approved ones are reopened.
/// </summary>
public sealed class SchoolFiling
{
    private readonly List<FilingEvent> _history = [];

    private SchoolFiling() { }

    public int Id { get; private set; }
    public int PeriodId { get; private set; }
    public int SchoolId { get; private set; }
    public FilingStatus Status { get; private set; }
    public SchoolSurvey Survey { get; private set; } = new();
    public string? ReturnComment { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    /// <summary>What this school adds to coverage sums once approved; recomputed from the survey on approval.</summary>
    public CoverageTotals? Contribution { get; private set; }
    /// <summary>Changes on every step; a save based on an older version is refused (optimistic concurrency).</summary>
    public Guid Version { get; private set; }
    public IReadOnlyList<FilingEvent> History => _history;
    /// <summary>The figures that look wrong as last saved (<see cref="FilingChecks"/>), each with the principal's explanation once given.</summary>
    public IReadOnlyList<FilingFlag> Flags { get; private set; } = [];
    /// <summary>The figures the district named when it last returned the filing.</summary>
    public IReadOnlyList<ReturnedField> ReturnedFields { get; private set; } = [];
    /// <summary>The figures as they stood when last returned or reopened, for the next review to compare with.</summary>
    public SchoolSurvey? PreviousSubmission { get; private set; }

    public bool IsEditable => Status is FilingStatus.Draft or FilingStatus.Returned;

    /// <summary>The approval the filing stands on: who approved it and when; null unless approved.</summary>
    public FilingEvent? Approval => Status == FilingStatus.Approved ? _history.LastOrDefault(h => h.Action == FilingAction.Approved) : null;

    /// <summary>
    /// What a person does next with a school's filing (null: not started): its reviewer 审核 a submitted one, the school's
    /// principal 填报 one not yet submitted (or returned) while the period is open, everyone else 查看.
    /// </summary>
    public static FilingStep StepFor(FilingStatus? status, AccessScope viewer, string schoolPath, bool periodOpen) =>
        status == FilingStatus.Submitted && viewer.CanReviewFilingsOf(schoolPath) ? FilingStep.Review
        : (status is null or FilingStatus.Draft or FilingStatus.Returned) && periodOpen && viewer.Role == Role.Principal && viewer.CanFileFor(schoolPath) ? FilingStep.Fill
        : FilingStep.View;

    /// <summary>What the school is told of a return: the comment on the whole and each named figure's reason; null for neither.</summary>
    public static string? WhyReturned(string? comment, IEnumerable<ReturnedField> fields) =>
        string.Join("；", fields.Select(f => f.Reason).Prepend(comment).OfType<string>()) is { Length: > 0 } why ? why : null;

    /// <summary>A new filing, starting from last period's figures when the school has them.</summary>
    public static SchoolFiling Start(int periodId, int schoolId, SchoolSurvey? previous, DateTime atUtc) => new()
    {
        PeriodId = periodId,
        SchoolId = schoolId,
        Status = FilingStatus.Draft,
        Survey = previous is null ? new SchoolSurvey() : previous with { Narrative = null },
        UpdatedAtUtc = atUtc,
        Version = Guid.NewGuid(),
    };

    /// <param name="flags">The survey's flags as checked by the caller, with the explanations given so far.</param>
    public void SaveDraft(SchoolSurvey survey, IReadOnlyList<FilingFlag> flags, string by, DateTime atUtc, FilingAction action = FilingAction.Saved)
    {
        EnsureState(IsEditable);
        var errors = SurveyRules.Validate(survey);
        if (errors.Count > 0) throw new DomainException(ErrorCodes.FilingInvalid, errors[0].Field);
        var changes = Diff(Survey, survey);
        Survey = survey;
        Flags = flags;
        Record(action, by, atUtc, null, changes);
    }

    /// <summary>Only a complete, valid filing whose every flagged figure is explained goes to review.</summary>
    public void Submit(string by, DateTime atUtc)
    {
        EnsureState(IsEditable);
        if (SurveyRules.Validate(Survey) is { Count: > 0 } errors) throw new DomainException(ErrorCodes.FilingInvalid, errors[0].Field);
        if (SurveyRules.Missing(Survey) is { Count: > 0 } missing) throw new DomainException(ErrorCodes.FilingIncomplete, missing.Count);
        if (Flags.FirstOrDefault(f => f.Explanation is null) is { } unexplained) throw new DomainException(ErrorCodes.FilingUnexplained, unexplained.Field);
        Status = FilingStatus.Submitted;
        ReturnComment = null;
        Record(FilingAction.Submitted, by, atUtc, null, null);
    }

    /// <summary>Sends the filing back, naming the figures to correct with a reason for each, or with a comment on the whole, or both.</summary>
    public void Return(string? comment, IReadOnlyList<ReturnedField> fields, string by, DateTime atUtc)
    {
        EnsureState(Status == FilingStatus.Submitted);
        var named = fields.Select(f => new ReturnedField(
                SurveyRules.Fields.Contains(f.Field) ? f.Field : throw new DomainException(ErrorCodes.FilingInvalid, f.Field),
                Guard.Required(f.Reason, ReturnedField.MaxReason, f.Field)))
            .DistinctBy(f => f.Field).ToList();
        ReturnComment = Guard.Optional(comment, 500, "Comment");
        if (ReturnComment is null && named.Count == 0) throw new DomainException(ErrorCodes.ReturnNeedsReason);
        ReturnedFields = named;
        PreviousSubmission = Survey;
        Status = FilingStatus.Returned;
        Record(FilingAction.Returned, by, atUtc, ReturnComment, named.Count == 0 ? null : string.Join('\n', named.Select(f => $"{f.Field}: {f.Reason}")));
    }

    public void Approve(SchoolProfile school, string by, DateTime atUtc)
    {
        EnsureState(Status == FilingStatus.Submitted);
        Status = FilingStatus.Approved;
        ReturnedFields = [];
        Contribution = CoverageTotals.ForSchool(Survey, school);
        Record(FilingAction.Approved, by, atUtc, null, null);
    }

    /// <summary>The commission takes an approved filing back; its figures stop counting until approved again.</summary>
    public void Reopen(string reason, string by, DateTime atUtc)
    {
        EnsureState(Status == FilingStatus.Approved);
        ReturnComment = Guard.Required(reason, 500, "Comment");
        Status = FilingStatus.Returned;
        PreviousSubmission = Survey;
        Contribution = null;
        Record(FilingAction.Reopened, by, atUtc, ReturnComment, null);
    }

    private void EnsureState(bool allowed)
    {
        if (!allowed) throw new DomainException(ErrorCodes.FilingWrongState, Status);
    }

    private void Record(FilingAction action, string by, DateTime atUtc, string? comment, string? changes)
    {
        UpdatedAtUtc = atUtc;
        Version = Guid.NewGuid();
        _history.Add(new FilingEvent(action, by, atUtc, comment, changes));
    }

    private static string? Diff(SchoolSurvey before, SchoolSurvey after)
    {
        var lines = typeof(SchoolSurvey).GetProperties()
            .Select(p => (p.Name, Old: p.GetValue(before), New: p.GetValue(after)))
            .Where(c => !Equals(c.Old, c.New))
            .Select(c => $"{c.Name}: {FilingChange.Write(c.Old)}{FilingChange.Arrow}{FilingChange.Write(c.New)}")
            .ToList();
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }
}
