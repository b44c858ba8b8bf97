using EduGov.Domain.Planning;
using EduGov.Domain.Supervision;

namespace EduGov.Domain.Tests.Supervision;

public sealed class NarrativeTests
{
    private static IndicatorFacts Share(string subject, decimal? value, decimal? previous, decimal? target = 60, int units = 0, int reported = 0, int met = 0) =>
        new(subject, "互动式多媒体教学设备占比", "%", Direction.Increase, value, previous, target is null ? null : 2022, target, units, reported, met);

    [Fact]
    public void Sentence_StatesValue_ChangeOnLastYear_GapToTarget_AndDistrictsMeetingIt()
    {
        Narrative.Sentence(Share("全市", 47.2m, 44.1m, units: 38, reported: 38, met: 9))
            .ShouldBe("全市互动式多媒体教学设备占比 47.2%，较上年提高 3.1 个百分点，距 2022 年目标 60% 仍差 12.8 个百分点；38 个区县中 9 个已达标。");
    }

    [Fact]
    public void Sentence_RoundsBeforeSubtracting_SoItsNumbersAddUp()
    {
        // 47.25 prints as 47.3; the gap is then 12.7, not the 12.75 → 12.8 that would make 47.3 + 12.8 ≠ 60.
        Narrative.Sentence(Share("全市", 47.25m, 47.25m)).ShouldBe("全市互动式多媒体教学设备占比 47.3%，与上年持平，距 2022 年目标 60% 仍差 12.7 个百分点。");
    }

    [Fact]
    public void Sentence_SaysWhenTheTargetIsMet_OrTheValueFell_OrOnlySomeUnitsReported()
    {
        Narrative.Sentence(Share("全市", 61m, 62.5m, units: 38, reported: 20, met: 4))
            .ShouldBe("全市互动式多媒体教学设备占比 61%，较上年下降 1.5 个百分点，已达到 2022 年目标 60%；38 个区县中 20 个有数据，其中 4 个已达标。");
    }

    [Fact]
    public void Sentence_LeavesOutWhatIsNotKnown()
    {
        Narrative.Sentence(Share("渝中区", 30m, null, target: null)).ShouldBe("渝中区互动式多媒体教学设备占比 30%。");
        Narrative.Sentence(Share("渝中区", null, 20m)).ShouldBe("渝中区互动式多媒体教学设备占比暂无数据。");
        var bandwidth = new IndicatorFacts("全市", "骨干节点间带宽", "Gbps", Direction.Increase, 87, 80, 2022, 100);
        Narrative.Sentence(bandwidth).ShouldBe("全市骨干节点间带宽 87Gbps，较上年提高 7Gbps，距 2022 年目标 100Gbps 仍差 13Gbps。");
        Narrative.Sentence(bandwidth with { AsOf = 2022 }).ShouldBe("全市骨干节点间带宽 87Gbps（2022 年），较上年提高 7Gbps，距 2022 年目标 100Gbps 仍差 13Gbps。");
    }

    [Fact]
    public void Gap_OfAnIndicatorThatShouldFall_IsHowFarAboveTheTarget()
    {
        var overdue = new IndicatorFacts("全市", "逾期整改事项占比", "%", Direction.Decrease, 12, 15, 2025, 5);
        (overdue.Gap, overdue.Improvement).ShouldBe((7m, 3m));
        Narrative.GapText(overdue).ShouldBe("距 2025 年目标 5% 仍差 7 个百分点");
    }

    [Fact]
    public void LargestGains_TakeEachDistrictOnce_ItsLargestGain_AndOnlyGains()
    {
        var facts = new[]
        {
            Share("江北区", 52.3m, 40.1m), Share("江北区", 80m, 75m) with { Name = "多媒体教学设备配备率" },
            Share("渝中区", 70m, 61m), Share("万州区", 30m, 35m), Share("涪陵区", 45m, null),
        };
        var gains = Narrative.LargestGains(facts, 5);
        gains.Select(g => (g.Subject, g.Change)).ShouldBe([("江北区", 12.2m), ("渝中区", 9m)]);
        Narrative.GainSentence(gains[0]).ShouldBe("江北区互动式多媒体教学设备占比由 40.1% 提高到 52.3%，提高 12.2 个百分点。");
    }

    [Fact]
    public void FurthestBehind_RanksByShortfallsThenHowFar_AndNamesEachDistrictsOwnGaps()
    {
        var facts = new[]
        {
            Share("黔江区", 31.2m, null), Share("黔江区", 50m, null) with { Name = "教师网络学习空间开通率", Target = 100 },
            Share("渝中区", 20m, null), Share("江北区", 65m, null),
        };
        var behind = Narrative.FurthestBehind(facts, 5);
        behind.Select(b => b.Subject).ShouldBe(["黔江区", "渝中区"]);
        var sentences = behind.Select(b => b.Sentence).ToList();
        sentences[0].ShouldBe("黔江区：教师网络学习空间开通率 50%，距目标差 50 个百分点；互动式多媒体教学设备占比 31.2%，距目标差 28.8 个百分点。");
        sentences.ShouldBeUnique();
    }
}
