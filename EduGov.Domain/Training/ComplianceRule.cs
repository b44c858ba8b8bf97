using EduGov.Domain.Common;

namespace EduGov.Domain.Training;

/// <summary>
/// A plan's training requirement, attached to the indicator that counts it: within a window, teachers in the
/// given posts complete at least so many hours (and practice hours) of the given course categories. It is data,
/// so a new plan's rule needs no developer; e.g. 巴中: ≥ 50 学时, ≥ 30 实践, 2020–2022, all posts.
/// </summary>
public sealed class ComplianceRule
{
    /// <summary>Hours over a plan's whole window, e.g. 50 学时 over three years; above this is a typing error.</summary>
    public const decimal MaxHours = 1000;

    private ComplianceRule() { }

    public int Id { get; private set; }
    public int IndicatorId { get; private set; }
    public decimal MinHours { get; private set; }
    public decimal MinPracticeHours { get; private set; }
    public DateOnly WindowStart { get; private set; }
    public DateOnly WindowEnd { get; private set; }
    /// <summary>The posts the rule applies to.</summary>
    public List<Post> Posts { get; private set; } = [];
    /// <summary>The course categories that count; empty means all.</summary>
    public List<CourseCategory> Categories { get; private set; } = [];

    public static ComplianceRule Create(int indicatorId, decimal minHours, decimal minPractice, DateOnly start, DateOnly end,
        IEnumerable<Post> posts, IEnumerable<CourseCategory> categories)
    {
        var rule = new ComplianceRule { IndicatorId = indicatorId };
        rule.Update(minHours, minPractice, start, end, posts, categories);
        return rule;
    }

    public void Update(decimal minHours, decimal minPractice, DateOnly start, DateOnly end, IEnumerable<Post> posts, IEnumerable<CourseCategory> categories)
    {
        if (minHours is <= 0 or > MaxHours) throw new DomainException(ErrorCodes.HoursOutOfRange, 0, MaxHours);
        if (minPractice < 0) throw new DomainException(ErrorCodes.NegativeValue, "MinPracticeHours");
        if (minPractice > minHours) throw new DomainException(ErrorCodes.PracticeAboveHours);
        if (end < start) throw new DomainException(ErrorCodes.PeriodDatesReversed);
        var postList = posts.Distinct().Where(Enum.IsDefined).ToList();
        if (postList.Count == 0) throw new DomainException(ErrorCodes.Required, "Posts");
        (MinHours, MinPracticeHours, WindowStart, WindowEnd) = (minHours, minPractice, start, end);
        (Posts, Categories) = (postList, categories.Distinct().Where(Enum.IsDefined).ToList());
    }

    public bool AppliesTo(Post post) => Posts.Contains(post);

    public bool Counts(DateOnly completedOn, CourseCategory category) =>
        completedOn >= WindowStart && completedOn <= WindowEnd && (Categories.Count == 0 || Categories.Contains(category));

    /// <summary>A teacher's standing under this rule from their records (those outside the window or of other categories do not count).</summary>
    public Compliance Evaluate(IEnumerable<(DateOnly CompletedOn, CourseCategory Category, decimal Hours, decimal PracticeHours)> records)
    {
        decimal hours = 0, practice = 0;
        foreach (var r in records.Where(r => Counts(r.CompletedOn, r.Category)))
        {
            hours += r.Hours;
            practice += r.PracticeHours;
        }
        return Judge(hours, practice);
    }

    /// <summary>A teacher's standing from the hours already summed over the records that count.</summary>
    public Compliance Judge(decimal hours, decimal practiceHours) =>
        new(hours, practiceHours, Math.Max(0, MinHours - hours), Math.Max(0, MinPracticeHours - practiceHours));

    /// <summary>The year a value of this rule counts for: the window's last year, or the current one while the window is open.</summary>
    public int YearOf(DateOnly today) => Math.Min(today.Year, WindowEnd.Year);

    /// <summary>
    /// The years this rule has a value for: each year of the window up to <see cref="YearOf"/>, so a three-year window is followed
    /// year by year. A window not yet begun has this year's value only (nobody has met it yet).
    /// </summary>
    public IReadOnlyList<int> YearsOf(DateOnly today)
    {
        var last = YearOf(today);
        var first = Math.Min(WindowStart.Year, last);
        return Enumerable.Range(first, last - first + 1).ToList();
    }

    /// <summary>
    /// A teacher's standing at the end of each of <see cref="YearsOf"/>, from the hours that count summed by the year they were
    /// completed: a year's standing counts what was completed in the window up to that year's end.
    /// </summary>
    public IReadOnlyDictionary<int, Compliance> JudgeByYear(IEnumerable<(int Year, decimal Hours, decimal PracticeHours)> byYear, DateOnly today)
    {
        var done = byYear.ToList();
        return YearsOf(today).ToDictionary(year => year, year =>
        {
            var upTo = done.Where(d => d.Year <= year).ToList();
            return Judge(upTo.Sum(d => d.Hours), upTo.Sum(d => d.PracticeHours));
        });
    }
}

/// <summary>Hours counted and what is still lacking; met when nothing is.</summary>
public sealed record Compliance(decimal Hours, decimal PracticeHours, decimal HoursShort, decimal PracticeShort)
{
    public bool Met => HoursShort == 0 && PracticeShort == 0;
}

/// <summary>
/// One school's count under one rule for one year: the teachers it applies to and how many meet it. A district's or city's share
/// is the sum of its schools' counts, so one teacher's new record updates three values without recounting the city.
/// </summary>
public sealed class ComplianceTally
{
    private ComplianceTally() { }

    public int Id { get; private set; }
    public int IndicatorId { get; private set; }
    public int SchoolId { get; private set; }
    /// <summary>The year counted (one of the rule's <see cref="ComplianceRule.YearsOf"/>); 0 in counts kept before years were.</summary>
    public int Year { get; private set; }
    public int Met { get; private set; }
    public int Total { get; private set; }

    public static ComplianceTally Of(int indicatorId, int schoolId, int year, int met, int total) =>
        met < 0 || met > total ? throw new ArgumentOutOfRangeException(nameof(met))
            : new() { IndicatorId = indicatorId, SchoolId = schoolId, Year = year, Met = met, Total = total };
}
