using EduGov.Domain.Common;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Tests.Organisation;

public sealed class OrgUnitTests
{
    [Fact]
    public void Tree_BuildsPathsFromCodes()
    {
        var city = OrgUnit.CreateRoot("500000", "重庆市");
        var district = city.AddDistrict("500103", "渝中区");
        var school = district.AddSchool("5001030001", "渝中实验小学", new SchoolProfile(SchoolType.Primary, false, 1200, 80, 27, 30));

        school.Path.ShouldBe("/500000/500103/5001030001/");
        city.Contains(school).ShouldBeTrue();
        school.Contains(city).ShouldBeFalse();
    }

    [Fact]
    public void LineageOf_ListsEveryUnitFromTheRoot() =>
        OrgUnit.LineageOf("/500000/500103/5001030001/").ShouldBe(["/500000/", "/500000/500103/", "/500000/500103/5001030001/"]);

    [Fact]
    public void AddSchool_NegativeCounts_IsRefused()
    {
        var district = OrgUnit.CreateRoot("500000", "重庆市").AddDistrict("500103", "渝中区");
        Should.Throw<DomainException>(() => district.AddSchool("5001030001", "学校", new SchoolProfile(SchoolType.Primary, false, -1, 1, 1, 1)));
    }

    [Fact]
    public void AddSchool_UnderACity_IsAProgrammingError() =>
        Should.Throw<InvalidOperationException>(() => OrgUnit.CreateRoot("500000", "重庆市").AddSchool("1", "学校", new SchoolProfile(SchoolType.Primary, false, 1, 1, 1, 1)));
}
