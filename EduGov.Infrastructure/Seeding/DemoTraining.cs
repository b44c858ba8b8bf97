using EduGov.Domain.Organisation;
using EduGov.Domain.Training;

namespace EduGov.Infrastructure.Seeding;

/// <summary>
/// A demo teacher registry for 渝中区 (where the demo accounts work) and 巴州区 (under 巴中's 50/30 rule): every
/// school's staff with posts, some ID numbers, and completion records of a small course catalog over 2019–2025.
/// </summary>
public static class DemoTraining
{
    public static readonly string[] Districts = ["500103", "511902"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "胡", "朱", "郭", "何", "罗", "高", "林"];
    private static readonly string[] Given = ["静", "敏", "伟", "芳", "磊", "洋", "婷", "杰", "涛", "艳", "军", "霞", "勇", "丽", "强", "欣", "华", "平", "红", "明"];
    private static readonly string[] Subjects = ["语文", "数学", "英语", "物理", "化学", "生物", "道德与法治", "历史", "地理", "音乐", "体育", "美术", "信息技术", "科学"];

    public static readonly CourseDetails[] Courses =
    [
        new("NT2-101", "信息技术应用能力提升工程2.0：学科融合应用", "重庆市教师研修网", CourseCategory.Ability20, CourseMode.Blended, 30, 20),
        new("NT2-102", "信息技术应用能力提升工程2.0：校本应用考核", "重庆市教师研修网", CourseCategory.Ability20, CourseMode.Offline, 20, 15),
        new("LD-201", "中小学校长智慧教育领导力", "重庆市教育干部培训中心", CourseCategory.Leadership, CourseMode.Offline, 16, 4),
        new("AI-301", "人工智能+教师队伍建设专题", "国家智慧教育公共服务平台", CourseCategory.AiTeacher, CourseMode.Online, 12, 4),
        new("IN-401", "信息技术与学科教学深度融合", "四川省教师研修网", CourseCategory.Integration, CourseMode.Online, 24, 12),
        new("OT-501", "网络安全与数据保护", "国家智慧教育公共服务平台", CourseCategory.Other, CourseMode.Online, 6, 0),
    ];

    /// <summary>
    /// The years each course of <see cref="Courses"/> (in its order) was taken in: 能力提升工程2.0 and the leadership course in
    /// the plans' campaign of 2019–2022, the AI course later, the others throughout the demo's history (2019–2025).
    /// </summary>
    private static readonly (int From, int To)[] Years = [(2019, 2022), (2019, 2022), (2019, 2022), (2022, 2025), (2019, 2025), (2019, 2025)];

    public static IEnumerable<Teacher> TeachersOf(OrgUnit school, int seed)
    {
        var random = new Random(seed ^ int.Parse(school.Code[^6..]) ^ 0x7EAC);
        var count = school.School!.Teachers;
        for (var i = 1; i <= count; i++)
        {
            var post = i == 1 ? Post.Principal : i <= 1 + Math.Max(1, count / 60) ? Post.VicePrincipal : i % 10 == 0 ? Post.MiddleManager
                : i == count ? Post.ItSpecialist : Post.Teacher;
            var birth = new DateOnly(1965 + random.Next(0, 35), random.Next(1, 13), random.Next(1, 29));
            var body = $"{school.Code[..6]}{birth:yyyyMMdd}{random.Next(100, 1000)}";
            yield return Teacher.Create(school.Id, new TeacherDetails($"{school.Code[^4..]}{i:D3}",
                Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)] + (random.Next(3) == 0 ? Given[random.Next(Given.Length)] : ""),
                random.Next(3) == 0 ? Gender.Male : Gender.Female, Subjects[random.Next(Subjects.Length)], post, TeacherStatus.Active,
                random.Next(4) == 0 ? null : body + IdNumbers.CheckFor(body)));
        }
    }

    /// <summary>
    /// 0–4 completed courses per teacher, and more: most took both 能力提升工程2.0 courses (the programme was for every teacher),
    /// leaders mostly the leadership course.
    /// </summary>
    public static IEnumerable<TrainingRecord> RecordsOf(Teacher teacher, IReadOnlyList<Course> courses, int seed, DateOnly today)
    {
        var random = new Random(seed ^ teacher.Id * 7919);
        var taken = new HashSet<int>();
        var count = random.Next(0, 5);
        if (random.Next(10) < 7) taken.UnionWith([0, 1]);
        if (teacher.Post is Post.Principal or Post.VicePrincipal or Post.MiddleManager && random.Next(5) > 0) taken.Add(2);
        while (taken.Count < count) taken.Add(random.Next(courses.Count));
        foreach (var index in taken)
        {
            var course = courses[index];
            var (from, to) = Years[index];
            var date = new DateOnly(random.Next(from, to + 1), random.Next(1, 13), random.Next(1, 29));
            yield return TrainingRecord.Create(teacher.Id, course.Id, date, course.Hours, course.PracticeHours, $"ZS{teacher.Id:D7}{index}", today);
        }
    }
}
