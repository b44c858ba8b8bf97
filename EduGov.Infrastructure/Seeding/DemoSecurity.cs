using EduGov.Domain.Security;

namespace EduGov.Infrastructure.Seeding;

/// <summary>A demo 等保 register for 渝中区: each school's campus platform (level 2, most filed), the district's data centre
/// (level 3, assessed with one finding still open) and the city's public service platform (level 3, assessed last year).</summary>
public static class DemoSecurity
{
    public static SystemDetails SchoolPlatform(string schoolCode, bool filed) =>
        new("智慧校园综合平台", "教务、学籍、家校沟通", "学校信息中心负责人", 2, true,
            filed ? $"{schoolCode}-2024-01" : null, filed ? new DateOnly(2023, 12, 1) : null, Hosting.GovernmentCloud);

    public static readonly SystemDetails DistrictDataCentre =
        new("渝中区教育数据中心", "区域教育数据汇聚与治理", "区电教馆网络科", 3, true, "50010313001-23001", new DateOnly(2023, 12, 15), Hosting.GovernmentCloud);

    public static readonly SystemDetails CityPlatform =
        new("重庆市教育管理公共服务平台", "全市教育管理业务", "市教育信息技术与装备中心", 3, true, "50000013001-19001", new DateOnly(2019, 11, 20), Hosting.GovernmentCloud);
}
