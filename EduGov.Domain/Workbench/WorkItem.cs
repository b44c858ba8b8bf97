namespace EduGov.Domain.Workbench;

/// <summary>The area of the portal a task belongs to (and where it is done).</summary>
public enum WorkArea { Filing = 1, Urging, Supervision, Security, Training, Designations, Planning, Messages, System }

/// <summary>
/// What a task on the workbench (工作台) asks of its user. The order of declaration is the order of the groups on the
/// home page when their urgency is the same, so the work that holds others up comes first.
/// </summary>
public enum WorkKind
{
    // 填报
    FilingReturned = 1, FilingNotStarted, FilingDraft, FilingSubmitted, FilingsToReview, SchoolsNotStarted, DistrictFilingBehind,
    // 督办
    UrgingToAnswer, UrgingsEscalated, UrgingsOpen, UrgingsToClose,
    // 督导检查与整改
    RectificationToAnswer, RectificationToVerify, InspectionPlanned,
    // 网络安全
    AssessmentDue, RemediationToFix, RemediationToConfirm,
    // 示范创建
    ReviewToScore, ApplicationsToRecommend, ApplicationsToAssign, ApplicationsToDesignate, ApplicationDraft, ProgrammeOpen, ApplicationPending,
    // 教师培训
    TeachersShort,
    // 规划指标
    IndicatorsBehind,
    // 系统
    JobFailed, AuditChainBroken, AccountsLocked, UsersNeverSignedIn, AuditChainUnchecked, AuditChainIntact,
    // 消息
    UnreadNotifications,
}

/// <summary>What a task's date is: a deadline, the day something is planned for, or since when it has been waiting.</summary>
public enum DateMeaning { Due = 1, Planned, Waiting }

/// <summary>Most urgent first: needs attention now (a failed job, a broken audit chain), past its date, within its near window, the rest.</summary>
public enum Urgency { Alert = 1, Overdue, DueSoon, Normal }

/// <summary>
/// One task as a source found it in the database: what it is about (<see cref="Subject"/>: a unit, a period, a plan …), how many
/// things it stands for, its nearest deadline or oldest waiting date, and the page where it is done. Words come from the
/// resources by <see cref="Kind"/> (and <see cref="SubjectKey"/>, <see cref="State"/>); the subject and note are data.
/// </summary>
public sealed record WorkItem(WorkKind Kind, string Subject, string Link)
{
    /// <summary>How many things the task stands for (filings to review, schools not started, teachers short …).</summary>
    public int Count { get; init; } = 1;

    /// <summary>The nearest deadline, the planned day, or the oldest waiting date (see <see cref="DateMeaning"/>).</summary>
    public DateOnly? Date { get; init; }

    public DateMeaning DateMeaning { get; init; } = DateMeaning.Due;

    /// <summary>Of <see cref="Count"/>, how many are already past their deadline.</summary>
    public int? Overdue { get; init; }

    /// <summary>Progress where the task has one: e.g. schools submitted of schools, teachers meeting a rule of teachers.</summary>
    public int? Done { get; init; }

    public int? Total { get; init; }

    /// <summary>The share (%) done by the deadline, for filing timeliness.</summary>
    public decimal? OnTimePercent { get; init; }

    /// <summary>Data worth reading with the task: the district's return comment, a job's error, the codes of lagging indicators.</summary>
    public string? Note { get; init; }

    /// <summary>A resource key that names the subject better than the data does (a job's name), shown instead of <see cref="Subject"/>.</summary>
    public string? SubjectKey { get; init; }

    /// <summary>Where the thing stands (an application's status), shown by its enum name.</summary>
    public Enum? State { get; init; }

    public WorkArea Area => WorkRules.AreaOf(Kind);

    public decimal? DonePercent => Done is { } done && Total is > 0 and var total ? Math.Round(100m * done / total, 1) : null;
}

/// <summary>A task judged on a day: how urgent it is and how many days are left (negative: overdue) or have been waited.</summary>
public sealed record WorkTask(WorkItem Item, Urgency Urgency, int? Days)
{
    public bool IsLate => Urgency == Urgency.Overdue;
}

/// <summary>The tasks of one kind, most urgent first; a group is as urgent as its first task.</summary>
public sealed record WorkGroup(WorkKind Kind, IReadOnlyList<WorkTask> Tasks)
{
    public WorkArea Area => WorkRules.AreaOf(Kind);
    public Urgency Urgency => Tasks[0].Urgency;

    /// <summary>What the group stands for in all: the sum of its tasks' counts.</summary>
    public int Count => Tasks.Sum(t => t.Item.Count);
}

/// <summary>A user's workbench on a day: the groups in order, and the counts the page heads with.</summary>
public sealed record WorkList(DateOnly Today, IReadOnlyList<WorkGroup> Groups)
{
    public static WorkList Empty(DateOnly today) => new(today, []);

    public IEnumerable<WorkTask> Tasks => Groups.SelectMany(g => g.Tasks);

    public int Alerts => Tasks.Count(t => t.Urgency == Urgency.Alert);
    public int Overdue => Tasks.Count(t => t.Urgency == Urgency.Overdue);
    public int DueSoon => Tasks.Count(t => t.Urgency == Urgency.DueSoon);
    public int Total => Tasks.Count();
}
