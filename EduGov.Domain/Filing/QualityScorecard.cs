namespace EduGov.Domain.Filing;

/// <summary>Red, amber, green: how a district's filing measures up on one count of the scorecard.</summary>
public enum Rag { Green = 1, Amber, Red }

/// <summary>
/// What one district's schools did in a reporting period, counted from the filings and their history: how many schools
/// there are, whose filing is in (submitted or approved now), filed (submitted at least once) and filed by the deadline;
/// the figures checked and flagged in the filings filed; the district's returns, its decisions and the days each took
/// from the submission it decided.
/// </summary>
public sealed record ScorecardCounts(int Schools, int Complete, int Filed, int OnTime, int Checked, int Flagged, int Returns, int Decisions, double DecisionDays)
{
    /// <summary>One filing as the scorecard reads it: its status, its flags and its history in order.</summary>
    public sealed record Filing(FilingStatus Status, int Flags, IReadOnlyList<(FilingAction Action, DateTime AtUtc)> History);

    /// <param name="deadline">The first instant after the period's last day.</param>
    public static ScorecardCounts Of(int schools, IEnumerable<Filing> filings, DateTime deadline)
    {
        int complete = 0, filed = 0, onTime = 0, flagged = 0, returns = 0, decisions = 0;
        var days = 0.0;
        foreach (var filing in filings)
        {
            if (filing.Status is FilingStatus.Submitted or FilingStatus.Approved) complete++;
            if (filing.History.Where(h => h.Action == FilingAction.Submitted).Select(h => (DateTime?)h.AtUtc).FirstOrDefault() is not { } first) continue;
            filed++;
            if (first < deadline) onTime++;
            flagged += filing.Flags;
            DateTime? submitted = null;
            foreach (var (action, at) in filing.History)
            {
                if (action == FilingAction.Submitted) submitted = at;
                else if (action is FilingAction.Approved or FilingAction.Returned && submitted is { } since)
                {
                    decisions++;
                    days += (at - since).TotalDays;
                    if (action == FilingAction.Returned) returns++;
                    submitted = null;
                }
            }
        }
        return new ScorecardCounts(schools, complete, filed, onTime, filed * FilingChecks.Figures.Count, flagged, returns, decisions, days);
    }
}

/// <summary>
/// The thresholds of the scorecard: a share at or above <c>Green</c> is green, at or above <c>Amber</c> amber (for the
/// counts where less is better, at or below). The plans set none; these are the commission's working defaults.
/// </summary>
public sealed record ScorecardThresholds(
    decimal CompleteGreen = 95, decimal CompleteAmber = 80,
    decimal OnTimeGreen = 90, decimal OnTimeAmber = 75,
    decimal FlaggedGreen = 2, decimal FlaggedAmber = 5,
    decimal ReturnsGreen = 0.2m, decimal ReturnsAmber = 0.5m,
    decimal DaysGreen = 5, decimal DaysAmber = 10)
{
    public static readonly ScorecardThresholds Default = new();
}

/// <summary>
/// A district's data-quality scorecard (数据质量评分) for a period: five measures, each with its colour, null where there
/// is nothing to measure. While the period is still open (<paramref name="Closed"/> false) completeness and timeliness
/// are shown as they stand but not coloured: a school has until the deadline.
/// </summary>
public sealed record QualityScorecard(ScorecardCounts Counts, ScorecardThresholds Thresholds, bool Closed = true)
{
    /// <summary>Schools whose filing is in (submitted or approved), per 100 schools: the progress tab's 填报完成率.</summary>
    public decimal? Completeness => Coverage.Share(Counts.Complete, Counts.Schools);

    /// <summary>Schools that filed by the deadline, per 100 schools.</summary>
    public decimal? Timeliness => Coverage.Share(Counts.OnTime, Counts.Schools);

    /// <summary>Figures flagged per 100 checked in the filings filed.</summary>
    public decimal? FlaggedShare => Coverage.Share(Counts.Flagged, Counts.Checked);

    /// <summary>Returns per filing filed.</summary>
    public decimal? ReturnsPerFiling => Counts.Filed == 0 ? null : Math.Round((decimal)Counts.Returns / Counts.Filed, 2);

    /// <summary>Mean days from a submission to the district's decision on it.</summary>
    public decimal? DaysToDecision => Counts.Decisions == 0 ? null : Math.Round((decimal)(Counts.DecisionDays / Counts.Decisions), 1);

    public Rag? CompletenessRag => Closed ? AtLeast(Completeness, Thresholds.CompleteGreen, Thresholds.CompleteAmber) : null;
    public Rag? TimelinessRag => Closed ? AtLeast(Timeliness, Thresholds.OnTimeGreen, Thresholds.OnTimeAmber) : null;
    public Rag? FlaggedRag => AtMost(FlaggedShare, Thresholds.FlaggedGreen, Thresholds.FlaggedAmber);
    public Rag? ReturnsRag => AtMost(ReturnsPerFiling, Thresholds.ReturnsGreen, Thresholds.ReturnsAmber);
    public Rag? DaysRag => AtMost(DaysToDecision, Thresholds.DaysGreen, Thresholds.DaysAmber);

    /// <summary>The worst colour of the five, for sorting and for the headline.</summary>
    public Rag? Overall => new[] { CompletenessRag, TimelinessRag, FlaggedRag, ReturnsRag, DaysRag }.Max();

    private static Rag? AtLeast(decimal? value, decimal green, decimal amber) =>
        value is not { } v ? null : v >= green ? Rag.Green : v >= amber ? Rag.Amber : Rag.Red;

    private static Rag? AtMost(decimal? value, decimal green, decimal amber) =>
        value is not { } v ? null : v <= green ? Rag.Green : v <= amber ? Rag.Amber : Rag.Red;
}
