using EduGov.Domain.Security;

namespace EduGov.Domain.Tests.Security;

public sealed class SurveillanceTests
{
    private static readonly DateTime Earlier = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = Earlier.AddDays(1);

    [Theory]
    [InlineData(true, true, false, null, 3, 2)]
    [InlineData(true, true, true, false, 4, 3)]
    [InlineData(false, false, false, true, 4, 1)]
    public void ExamRooms_CountOnlyWhereTheSchoolHasThem(bool canteen, bool gate, bool playground, bool? examRooms, int areas, int connected)
    {
        var access = new SurveillanceAreas(canteen, gate, playground, examRooms);
        access.Areas.ShouldBe(areas);
        access.Connected.ShouldBe(connected);
    }

    [Fact]
    public void TheLaterOfRegisterAndFiling_StandsForTheSchool()
    {
        var register = new SurveillanceStatus(new SurveillanceAreas(true, true, true, true), Later);
        var filing = new SurveillanceStatus(new SurveillanceAreas(true, false, false, null), Earlier);
        SurveillanceStatus.Latest(register, filing).ShouldBe(register);
        var sameMoment = register with { AsOfUtc = Earlier };
        SurveillanceStatus.Latest(sameMoment, filing).ShouldBe(sameMoment);
        SurveillanceStatus.Latest(register with { AsOfUtc = Earlier.AddSeconds(-1) }, filing).ShouldBe(filing);
    }

    [Fact]
    public void EitherSourceAlone_Stands_NeitherIsNoData()
    {
        var filing = new SurveillanceStatus(new SurveillanceAreas(true, true, false, null), Earlier);
        SurveillanceStatus.Latest(null, filing).ShouldBe(filing);
        SurveillanceStatus.Latest(filing, null).ShouldBe(filing);
        SurveillanceStatus.Latest(null, null).ShouldBeNull();
    }

    [Fact]
    public void Update_ReplacesTheAreasAndWhoChangedThem()
    {
        var access = SurveillanceAccess.Record(7, new SurveillanceAreas(true, false, false, null), "principal", Earlier);
        access.Update(new SurveillanceAreas(true, true, true, true), "district", Later);
        access.Status.ShouldBe(new SurveillanceStatus(new SurveillanceAreas(true, true, true, true), Later));
        (access.UpdatedBy, access.UpdatedAtUtc).ShouldBe(("district", Later));
    }
}
