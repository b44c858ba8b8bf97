using System.Text.Json;
using System.Text.Json.Serialization;
using EduGov.Domain.Planning;
using EduGov.Domain.Training;

namespace EduGov.Infrastructure.Seeding;

/// <summary>
/// The five seed plans, transcribed from the documents in shared/seeds into Seeding/Plans/*.json (embedded):
/// every task with its number and units, every quantitative target as an indicator target, every dated
/// qualitative goal as a milestone.
/// </summary>
public static class PlanSeeds
{
    public sealed record TaskSeed(string Number, string Title, string? Section, string? LeadUnit, string? ResponsibleUnits, string? Summary);
    public sealed record TargetSeed(int Year, decimal Value, string? Note);
    public sealed record IndicatorSeed(
        string Code, string? Task, string Name, string Unit, ValueSource Source, string? Metric,
        Direction? Direction, decimal? Baseline, int? BaselineYear, string? Population, string? Note, List<TargetSeed> Targets, RuleSeed? Rule);
    /// <summary>The training requirement the document states for this indicator (e.g. 巴中: ≥ 50 学时, ≥ 30 实践).</summary>
    public sealed record RuleSeed(decimal MinHours, decimal MinPracticeHours, DateOnly WindowStart, DateOnly WindowEnd, List<Post> Posts, List<CourseCategory> Categories);
    public sealed record MilestoneSeed(string? Task, int DueYear, string Title);
    public sealed record PlanSeed(
        string Title, string? DocumentNumber, string Issuer, string OrgUnitCode, DateOnly? IssuedOn, int StartYear, int EndYear,
        string? Summary, List<TaskSeed> Tasks, List<IndicatorSeed> Indicators, List<MilestoneSeed> Milestones);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyList<PlanSeed> Load()
    {
        var assembly = typeof(PlanSeeds).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Seeding.Plans.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                return JsonSerializer.Deserialize<PlanSeed>(stream, Options)
                    ?? throw new InvalidDataException($"Empty plan seed {name}.");
            })
            .ToList();
    }

    public static Plan ToPlan(this PlanSeed seed, int orgUnitId)
    {
        var plan = Plan.Create(new PlanDetails(seed.Title, seed.DocumentNumber, seed.Issuer, orgUnitId, seed.IssuedOn,
            seed.StartYear, seed.EndYear, seed.Summary));
        foreach (var t in seed.Tasks)
            plan.AddTask(new TaskDetails(t.Number, t.Title, t.Section, t.LeadUnit, t.ResponsibleUnits, t.Summary));
        foreach (var i in seed.Indicators) i.AddTo(plan);
        foreach (var m in seed.Milestones)
            plan.AddMilestone(new MilestoneDetails(m.Title, m.DueYear, MilestoneStatus.NotStarted, null, m.Task));
        return plan;
    }

    public static Indicator AddTo(this IndicatorSeed i, Plan plan) =>
        plan.AddIndicator(
            new IndicatorDetails(i.Code, i.Name, i.Unit, i.Direction ?? Direction.Increase, i.Source, i.Metric,
                i.Baseline, i.BaselineYear, i.Population, i.Note, i.Task),
            i.Targets.Select(t => new TargetDetails(t.Year, t.Value, t.Note)));
}
