using EduGov.Domain.Filing;

namespace EduGov.Domain.Tests.Filing;

public sealed class QualityScorecardTests
{
    private static readonly DateTime Day0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Deadline = new(2026, 12, 16, 0, 0, 0, DateTimeKind.Utc);

    private static (FilingAction, DateTime) At(FilingAction action, double days) => (action, Day0.AddDays(days));

    [Fact]
    public void Counts_ReadTheHistory_DecisionsFromTheSubmissionTheyDecide()
    {
        ScorecardCounts.Filing[] filings =
        [
            // Submitted, returned 4 days later, resubmitted, approved 2 days later.
            new(FilingStatus.Approved, 1, [At(FilingAction.Saved, 0), At(FilingAction.Submitted, 1), At(FilingAction.Returned, 5), At(FilingAction.Saved, 6),
                At(FilingAction.Submitted, 7), At(FilingAction.Approved, 9)]),
            // Submitted after the deadline and not yet decided.
            new(FilingStatus.Submitted, 0, [At(FilingAction.Submitted, 50)]),
            // A draft: not filed, its flags not counted.
            new(FilingStatus.Draft, 3, [At(FilingAction.Saved, 2)]),
            // Returned and not yet resubmitted: filed, but not in.
            new(FilingStatus.Returned, 0, [At(FilingAction.Submitted, 3), At(FilingAction.Returned, 4)]),
        ];

        ScorecardCounts.Of(schools: 5, filings, Deadline).ShouldBe(new ScorecardCounts(Schools: 5, Complete: 2, Filed: 3, OnTime: 2,
            Checked: 3 * FilingChecks.Figures.Count, Flagged: 1, Returns: 2, Decisions: 3, DecisionDays: 7));
    }

    [Fact]
    public void Measures_AreSharesAndMeans_EachColouredAgainstItsThresholds()
    {
        var card = new QualityScorecard(new ScorecardCounts(Schools: 20, Complete: 18, Filed: 18, OnTime: 15, Checked: 144, Flagged: 6, Returns: 9, Decisions: 16, DecisionDays: 200),
            ScorecardThresholds.Default);

        (card.Completeness, card.CompletenessRag).ShouldBe((90m, Rag.Amber));      // 18 of 20; green from 95
        (card.Timeliness, card.TimelinessRag).ShouldBe((75m, Rag.Amber));          // 15 of 20: amber from 75, inclusive
        (card.FlaggedShare, card.FlaggedRag).ShouldBe((4.2m, Rag.Amber));          // 6 of 144
        (card.ReturnsPerFiling, card.ReturnsRag).ShouldBe((0.5m, Rag.Amber));      // 9 of 18: amber up to 0.5, inclusive
        (card.DaysToDecision, card.DaysRag).ShouldBe((12.5m, Rag.Red));            // 200 days over 16 decisions
        card.Overall.ShouldBe(Rag.Red);
    }

    [Fact]
    public void WhileThePeriodIsOpen_CompletenessAndTimelinessAreNotYetJudged()
    {
        var card = new QualityScorecard(new ScorecardCounts(20, 10, 10, 10, 80, 0, 0, 5, 10), ScorecardThresholds.Default, Closed: false);
        (card.Completeness, card.CompletenessRag, card.TimelinessRag).ShouldBe((50m, null, null));
        card.Overall.ShouldBe(Rag.Green);   // what can be judged already is
    }

    [Fact]
    public void NothingToMeasure_IsNoColour()
    {
        var card = new QualityScorecard(new ScorecardCounts(0, 0, 0, 0, 0, 0, 0, 0, 0), ScorecardThresholds.Default);
        (card.Completeness, card.FlaggedShare, card.ReturnsPerFiling, card.DaysToDecision, card.Overall).ShouldBe((null, null, null, null, null));
    }

    [Fact]
    public void AllGreen_WhenEveryMeasureIsWithinItsGreen() =>
        new QualityScorecard(new ScorecardCounts(10, 10, 10, 10, 80, 1, 1, 11, 22), ScorecardThresholds.Default).Overall.ShouldBe(Rag.Green);
}
