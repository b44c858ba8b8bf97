using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Planning;

public sealed record PlanRow(
    int Id, string Title, string? DocumentNumber, string Issuer, string OrgUnitName, DateOnly? IssuedOn,
    int StartYear, int EndYear, int TaskCount, int IndicatorCount, int TargetCount, int MilestoneCount);

/// <summary>A plan with everything under it, as read for display; <see cref="CanEdit"/> follows from the user's scope.</summary>
public sealed record PlanView(Plan Plan, string OrgUnitName, string OrgUnitCode, bool CanEdit);

/// <summary>Reads the plan catalog and applies commission staff's edits through the <see cref="Plan"/> aggregate.</summary>
public sealed class PlanService(IDbContextFactory<EduGovDbContext> factory)
{
    public async Task<IReadOnlyList<PlanRow>> ListAsync(AccessScope scope, string? search = null, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var plans = db.Plans.VisibleTo(scope);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            plans = plans.Where(p => p.Title.Contains(text) || p.Issuer.Contains(text)
                || (p.DocumentNumber != null && p.DocumentNumber.Contains(text)) || p.OrgUnit.Name.Contains(text));
        }
        return await plans
            .OrderByDescending(p => p.StartYear).ThenBy(p => p.Id)
            .Select(p => new PlanRow(p.Id, p.Title, p.DocumentNumber, p.Issuer, p.OrgUnit.Name, p.IssuedOn, p.StartYear, p.EndYear,
                p.Tasks.Count, p.Indicators.Count, p.Indicators.SelectMany(i => i.Targets).Count(), p.Milestones.Count))
            .ToListAsync(ct);
    }

    public async Task<PlanView> GetAsync(AccessScope scope, int id, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var plan = await Full(db.Plans.VisibleTo(scope)).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException("Plan");
        return new PlanView(plan, plan.OrgUnit.Name, plan.OrgUnit.Code, scope.CanEditPlansOf(plan.OrgUnit.Path));
    }

    /// <summary>Every visible plan with its tasks, indicators, targets and milestones: for export and the API.</summary>
    public async Task<IReadOnlyList<Plan>> LoadAllAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        return await Full(db.Plans.VisibleTo(scope)).AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
    }

    public async Task<int> CreateAsync(AccessScope scope, PlanDetails details, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        await EnsureMayEditPlansOf(db, scope, details.OrgUnitId, ct);
        var plan = Plan.Create(details);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return plan.Id;
    }

    public Task UpdateAsync(AccessScope scope, int planId, Guid version, PlanDetails details, CancellationToken ct = default) =>
        EditAsync(scope, planId, version, async (db, plan) =>
        {
            if (details.OrgUnitId != plan.OrgUnitId) await EnsureMayEditPlansOf(db, scope, details.OrgUnitId, ct);
            plan.Update(details);
        }, ct);

    public async Task DeleteAsync(AccessScope scope, int planId, Guid version, CancellationToken ct = default)
    {
        await EditAsync(scope, planId, version, async (db, plan) =>
        {
            var ids = plan.Indicators.Select(i => i.Id).ToList();
            if (await db.IndicatorValues.AnyAsync(v => ids.Contains(v.IndicatorId), ct))
                throw new DomainException(ErrorCodes.PlanHasValues);
            db.Plans.Remove(plan);
        }, ct);
    }

    public Task SaveTaskAsync(AccessScope scope, int planId, Guid version, int? taskId, TaskDetails details, CancellationToken ct = default) =>
        EditAsync(scope, planId, version, (_, plan) =>
        {
            if (taskId is null) plan.AddTask(details);
            else plan.UpdateTask(Find(plan.Tasks, t => t.Id == taskId), details);
            return Task.CompletedTask;
        }, ct);

    public Task DeleteTaskAsync(AccessScope scope, int planId, Guid version, int taskId, CancellationToken ct = default) =>
        EditAsync(scope, planId, version, (_, plan) =>
        {
            plan.RemoveTask(Find(plan.Tasks, t => t.Id == taskId));
            return Task.CompletedTask;
        }, ct);

    public Task SaveIndicatorAsync(
        AccessScope scope, int planId, Guid version, int? indicatorId, IndicatorDetails details,
        IReadOnlyList<TargetDetails> targets, CancellationToken ct = default) =>
        EditAsync(scope, planId, version, (_, plan) =>
        {
            if (indicatorId is null) plan.AddIndicator(details, targets);
            else plan.UpdateIndicator(Find(plan.Indicators, i => i.Id == indicatorId), details, targets);
            return Task.CompletedTask;
        }, ct);

    public Task DeleteIndicatorAsync(AccessScope scope, int planId, Guid version, int indicatorId, CancellationToken ct = default) =>
        EditAsync(scope, planId, version, async (db, plan) =>
        {
            if (await db.IndicatorValues.AnyAsync(v => v.IndicatorId == indicatorId, ct))
                throw new DomainException(ErrorCodes.IndicatorHasValues);
            plan.RemoveIndicator(Find(plan.Indicators, i => i.Id == indicatorId));
        }, ct);

    public Task SaveMilestoneAsync(
        AccessScope scope, int planId, Guid version, int? milestoneId, MilestoneDetails details, CancellationToken ct = default) =>
        EditAsync(scope, planId, version, (_, plan) =>
        {
            if (milestoneId is null) plan.AddMilestone(details);
            else plan.UpdateMilestone(Find(plan.Milestones, m => m.Id == milestoneId), details);
            return Task.CompletedTask;
        }, ct);

    public Task DeleteMilestoneAsync(AccessScope scope, int planId, Guid version, int milestoneId, CancellationToken ct = default) =>
        EditAsync(scope, planId, version, (_, plan) =>
        {
            plan.RemoveMilestone(Find(plan.Milestones, m => m.Id == milestoneId));
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Loads the plan, refuses it when out of scope or changed since the user loaded it (<paramref name="version"/>),
    /// applies the edit and saves. A rule broken half-way throws before anything is saved.
    /// </summary>
    private async Task EditAsync(AccessScope scope, int planId, Guid version, Func<EduGovDbContext, Plan, Task> edit, CancellationToken ct)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var plan = await Full(db.Plans.VisibleTo(scope)).SingleOrDefaultAsync(p => p.Id == planId, ct)
            ?? throw new NotFoundException("Plan");
        if (!scope.CanEditPlansOf(plan.OrgUnit.Path)) throw new ForbiddenException("edit plan");
        if (plan.Version != version) throw new DomainException(ErrorCodes.ConcurrentEdit);
        await edit(db, plan);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ErrorCodes.ConcurrentEdit);
        }
    }

    private static async Task EnsureMayEditPlansOf(EduGovDbContext db, AccessScope scope, int orgUnitId, CancellationToken ct)
    {
        var path = await db.OrgUnits.Where(u => u.Id == orgUnitId && u.Kind != OrgUnitKind.School)
            .Select(u => u.Path).SingleOrDefaultAsync(ct) ?? throw new DomainException(ErrorCodes.Required, "OrgUnit");
        if (!scope.CanEditPlansOf(path)) throw new ForbiddenException("edit plans of this unit");
    }

    private static T Find<T>(IEnumerable<T> items, Func<T, bool> match) =>
        items.FirstOrDefault(match) ?? throw new NotFoundException(typeof(T).Name);

    // Included collections are ordered where their order means something (targets by year, histories as they happened):
    // a server database such as PostgreSQL returns them in no particular order, where SQLite happened to keep one.
    private static IQueryable<Plan> Full(IQueryable<Plan> plans) => plans
        .Include(p => p.OrgUnit)
        .Include(p => p.Tasks)
        .Include(p => p.Indicators).ThenInclude(i => i.Targets.OrderBy(x => x.Year))
        .Include(p => p.Indicators).ThenInclude(i => i.Task)
        .Include(p => p.Milestones).ThenInclude(m => m.Task)
        .AsSplitQuery();
}
