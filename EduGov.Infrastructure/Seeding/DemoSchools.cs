using EduGov.Domain.Organisation;

namespace EduGov.Infrastructure.Seeding;

public enum DemoScale { Demo, City }

/// <summary>
/// Synthetic but realistic schools for each district: a mix of types, urban and rural, with plausible sizes.
/// Each district draws from its own <see cref="Random"/> seeded by the demo seed and its code, so every run
/// (and every scale) gives the same schools for the same district.
/// </summary>
public static class DemoSchools
{
    /// <summary>At city scale 重庆市 gets about this many schools, spread over its 38 区县.</summary>
    public const int CitySchoolCount = 9000;

    private static readonly HashSet<string> UrbanCores =
        ["500103", "500104", "500105", "500106", "500107", "500108", "430102", "430103", "430104", "430105", "430111"];

    private static readonly string[] Names =
        ["实验", "育才", "人民路", "新华", "城南", "城北", "东风", "红岩", "光明", "朝阳", "文昌", "和平", "龙湖", "滨江",
         "桂花", "紫荆", "向阳", "金沙", "青龙", "白沙", "天星", "德育", "凤鸣", "南山", "北城", "清华", "树人", "鹏程"];

    private static readonly string[] Towns =
        ["龙凤", "石桥", "高峰", "双河", "新场", "白马", "清水", "黄桥", "三合", "长岭", "永兴", "金龙", "太平", "兴隆",
         "安坪", "龙潭", "平安", "大河", "桃花", "柏林", "观音", "回龙", "石龙", "青杠", "仁和", "复兴"];

    private static readonly string[] Villages =
        ["新建", "和平", "团结", "红星", "联合", "胜利", "光辉", "幸福", "石门", "杨柳", "大湾", "花园", "中心", "黄土"];

    private static readonly (SchoolType Type, int Weight)[] UrbanMix =
        [(SchoolType.Primary, 48), (SchoolType.JuniorMiddle, 18), (SchoolType.SeniorHigh, 8), (SchoolType.Complete, 8),
         (SchoolType.NineYear, 8), (SchoolType.Vocational, 5), (SchoolType.University, 5)];

    private static readonly (SchoolType Type, int Weight)[] CountyMix =
        [(SchoolType.Primary, 44), (SchoolType.JuniorMiddle, 16), (SchoolType.SeniorHigh, 5), (SchoolType.Complete, 4),
         (SchoolType.NineYear, 9), (SchoolType.Vocational, 3), (SchoolType.TeachingPoint, 18), (SchoolType.University, 1)];

    public static int CountFor(string districtCode, int seed, DemoScale scale, int districtsInCity)
    {
        var random = new Random(seed ^ int.Parse(districtCode));
        return scale == DemoScale.City && districtCode.StartsWith("50")
            ? CitySchoolCount / districtsInCity + random.Next(-40, 41)
            : UrbanCores.Contains(districtCode) ? random.Next(10, 15) : random.Next(6, 13);
    }

    public static IEnumerable<OrgUnit> For(OrgUnit district, int count, int seed)
    {
        var random = new Random(seed ^ int.Parse(district.Code) ^ 0x5EED);
        var urbanCore = UrbanCores.Contains(district.Code);
        var mix = urbanCore ? UrbanMix : CountyMix;
        var shortName = OrgUnit.ShortName(district.Name);
        var used = new HashSet<string>();
        for (var i = 1; i <= count; i++)
        {
            var type = Pick(random, mix);
            var rural = type == SchoolType.TeachingPoint || !urbanCore && type != SchoolType.University && random.Next(100) < 50;
            var name = Unique(used, NameFor(random, shortName, type, rural, i));
            yield return district.AddSchool($"{district.Code}{i:D4}", name, Profile(random, type, rural));
        }
    }

    private static SchoolProfile Profile(Random random, SchoolType type, bool rural)
    {
        var (min, max) = type switch
        {
            SchoolType.TeachingPoint => (8, 90),
            SchoolType.University => (3000, 18000),
            SchoolType.Vocational => (800, 4500),
            SchoolType.SeniorHigh or SchoolType.Complete => (1200, 4200),
            _ => rural ? (120, 900) : (600, 3000),
        };
        var students = random.Next(min, max + 1);
        var classSize = type == SchoolType.TeachingPoint ? random.Next(6, 20) : type == SchoolType.University ? 40 : random.Next(38, 50);
        var classes = Math.Max(1, (int)Math.Round(students / (double)classSize));
        var teachers = Math.Max(1, (int)Math.Round(students / (type == SchoolType.University ? 18.0 : random.Next(12, 19) + 0.0)));
        var classrooms = classes + random.Next(0, Math.Max(2, classes / 5));
        return new SchoolProfile(type, rural, students, teachers, classes, classrooms);
    }

    private static string NameFor(Random random, string district, SchoolType type, bool rural, int seq)
    {
        var name = Names[random.Next(Names.Length)];
        var town = Towns[random.Next(Towns.Length)];
        var village = Villages[random.Next(Villages.Length)];
        return type switch
        {
            SchoolType.TeachingPoint => $"{district}{town}镇{village}村教学点",
            SchoolType.Primary => rural ? $"{district}{town}镇中心小学" : $"{district}{name}小学",
            SchoolType.JuniorMiddle => rural ? $"{district}{town}镇中学" : $"{district}{name}初级中学",
            SchoolType.SeniorHigh => $"{district}第{seq}中学",
            SchoolType.Complete => $"{district}{name}中学校",
            SchoolType.NineYear => rural ? $"{district}{town}镇九年制学校" : $"{district}{name}学校",
            SchoolType.Vocational => $"{district}{name}职业教育中心",
            SchoolType.University => $"{district}{name}职业技术学院",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    private static string Unique(HashSet<string> used, string name)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++) candidate = $"{name}（{n}校区）";
        return candidate;
    }

    private static SchoolType Pick(Random random, (SchoolType Type, int Weight)[] mix)
    {
        var roll = random.Next(mix.Sum(m => m.Weight));
        foreach (var (type, weight) in mix)
        {
            if (roll < weight) return type;
            roll -= weight;
        }
        return mix[^1].Type;
    }
}
