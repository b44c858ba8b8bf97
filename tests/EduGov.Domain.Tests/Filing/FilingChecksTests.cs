using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Tests.Filing;

public sealed class FilingChecksTests
{
    // A rural primary school: 600 students, 40 teachers, 20 classes.
    private static readonly SchoolProfile School = new(SchoolType.Primary, IsRural: true, Students: 600, Teachers: 40, Classes: 20, Classrooms: 24);

    private static SchoolSurvey Survey(int terminals = 60, int downlink = 200, int multimedia = 20, int hours = 30) => new()
    {
        StudentTerminals = terminals, TeacherTerminals = 40, DownlinkMbps = downlink, UplinkMbps = 50, MultimediaClassrooms = multimedia,
        InteractiveClassrooms = 8, SurveillancePoints = 60, ProgrammingHours = hours,
    };

    private static readonly IReadOnlyDictionary<string, PeerStats> NoPeers = new Dictionary<string, PeerStats>();

    private static IReadOnlyList<FilingFlag> Check(SchoolSurvey survey, SchoolSurvey? previous = null, IReadOnlyDictionary<string, PeerStats>? peers = null) =>
        new CheckBasis(previous, peers ?? NoPeers, QualityThresholds.Default).Check(survey, School);

    [Fact]
    public void APlausibleFiling_HasNoFlags() => Check(Survey(), Survey(terminals: 50), FilingChecks.Peers(Enumerable.Range(0, 10).Select(i => (Survey(terminals: 50 + i), School)))).ShouldBeEmpty();

    [Theory]
    [InlineData(900, false)]   // 150 per 100 students is the bound
    [InlineData(901, true)]
    [InlineData(1800, true)]   // 300 per 100: a typing error
    public void TerminalsPerHundredStudents_BeyondTheBound_AreFlagged(int terminals, bool flagged)
    {
        var flag = Check(Survey(terminals: terminals)).SingleOrDefault(f => f.Field == nameof(SchoolSurvey.StudentTerminals));

        if (flagged) (flag!.Kind, flag.Reference).ShouldBe((FlagKind.Bounds, 150m));
        else flag.ShouldBeNull();
    }

    [Fact]
    public void BandwidthPerClass_BeyondTheBound_IsFlagged()
    {
        Check(Survey(downlink: 20_000)).ShouldNotContain(f => f.Field == nameof(SchoolSurvey.DownlinkMbps));   // 1,000 a class: the bound
        Check(Survey(downlink: 20_020)).Single(f => f.Field == nameof(SchoolSurvey.DownlinkMbps)).ShouldBe(new FilingFlag(nameof(SchoolSurvey.DownlinkMbps), FlagKind.Bounds, 1001, 1000));
    }

    [Theory]
    [InlineData(20, 60, true)]     // three times the last approved value
    [InlineData(20, 59, false)]
    [InlineData(60, 20, true)]     // a third of it
    [InlineData(60, 21, false)]
    [InlineData(3, 9, false)]      // both under the floor of 10
    [InlineData(0, 12, true)]      // from none
    public void AJump_FromTheLastApprovedFiling_AtTheFactor_IsFlagged(int before, int now, bool flagged)
    {
        var flags = Check(Survey(hours: now), Survey(hours: before)).Where(f => f.Field == nameof(SchoolSurvey.ProgrammingHours)).ToList();

        if (flagged) flags.ShouldHaveSingleItem().ShouldBe(new FilingFlag(nameof(SchoolSurvey.ProgrammingHours), FlagKind.Jump, now, before));
        else flags.ShouldBeEmpty();
    }

    [Fact]
    public void EquippedRooms_CompareWithPeersAsAShareOfTheClassrooms_AndWithTheirPastAsCounted()
    {
        // 1 interactive room last year, 4 now: four times, but under the floor of 10 rooms.
        Check(Survey() with { InteractiveClassrooms = 4, Classrooms = 10 }, Survey() with { InteractiveClassrooms = 1, Classrooms = 10 })
            .ShouldNotContain(f => f.Field == nameof(SchoolSurvey.InteractiveClassrooms));

        // A school four times the size of its peers, equipped like them, is no outlier; equipped four times as well, it is.
        var peers = FilingChecks.Peers(Enumerable.Range(0, 10).Select(i => (Survey(multimedia: 2 + i % 3) with { Classrooms = 10 }, School)));
        Check(Survey(multimedia: 12) with { Classrooms = 40 }, peers: peers).ShouldNotContain(f => f.Field == nameof(SchoolSurvey.MultimediaClassrooms));
        Check(Survey(multimedia: 40) with { Classrooms = 40 }, peers: peers).Single(f => f.Field == nameof(SchoolSurvey.MultimediaClassrooms))
            .ShouldBe(new FilingFlag(nameof(SchoolSurvey.MultimediaClassrooms), FlagKind.Peer, 100, 30, 4.7m));   // 0.6745 × 70 / 10
    }

    [Fact]
    public void Links_AreNotComparedWithPeers_TheirTiersDoNotScaleWithSize()
    {
        FilingChecks.Peers([(Survey(downlink: 100), School)]).ContainsKey(nameof(SchoolSurvey.DownlinkMbps)).ShouldBeFalse();
        // A slip of a digit is still caught: by the bound per class, and against the school's own last link.
        Check(Survey(downlink: 10_000), Survey(downlink: 1_000)).Single(f => f.Field == nameof(SchoolSurvey.DownlinkMbps)).Kind.ShouldBe(FlagKind.Jump);
    }

    [Fact]
    public void PeerStats_AreMedianAndMad_AndTheScoreIsRobust()
    {
        var stats = PeerStats.Of([10, 12, 14, 16, 18, 1000])!;

        (stats.Median, stats.Mad, stats.Count).ShouldBe((15m, 3m, 6));   // the 1000 moves neither
        stats.Score(30)!.Value.ShouldBe(3.3725m);                         // 0.6745 × 15 / 3
        PeerStats.Of([5, 5, 5])!.Score(6).ShouldBeNull();                 // no spread: no score
    }

    [Fact]
    public void FarFromThePeers_AtTheScore_IsFlagged_WithEnoughPeers()
    {
        // Peers' programming hours 26…34: median 30, MAD 2; 3.5 × 2 / 0.6745 ≈ 10.4 hours from the median is far.
        var peers = FilingChecks.Peers(new[] { 26, 27, 28, 29, 30, 30, 31, 32, 33, 34 }.Select(h => (Survey(hours: h), School)));

        Check(Survey(hours: 41), peers: peers).ShouldContain(f => f.Field == nameof(SchoolSurvey.ProgrammingHours) && f.Kind == FlagKind.Peer && f.Score == 3.7m);
        Check(Survey(hours: 40), peers: peers).ShouldNotContain(f => f.Field == nameof(SchoolSurvey.ProgrammingHours));   // 3.4
        var few = FilingChecks.Peers(new[] { 26, 28, 30, 32, 34 }.Select(h => (Survey(hours: h), School)));
        Check(Survey(hours: 80), peers: few).ShouldNotContain(f => f.Field == nameof(SchoolSurvey.ProgrammingHours));  // five peers are too few
    }

    [Fact]
    public void PerStudentFigures_CompareSchoolsOfDifferentSizes()
    {
        var big = School with { Students = 1200 };
        var peers = FilingChecks.Peers(Enumerable.Range(0, 10).Select(i => (Survey(terminals: 60 + i), School)));   // 10–11.5 per 100

        new CheckBasis(null, peers, QualityThresholds.Default).Check(Survey(terminals: 126), big)
            .ShouldNotContain(f => f.Field == nameof(SchoolSurvey.StudentTerminals));   // 10.5 per 100, like its peers
    }

    [Fact]
    public void EmptyFigures_AreNotChecked() =>
        Check(new SchoolSurvey(), Survey()).ShouldBeEmpty();
}
