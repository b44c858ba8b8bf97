using ClosedXML.Excel;
using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Security;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Notifications;
using EduGov.Domain.Notifications;
using EduGov.Infrastructure.Filing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduGov.Infrastructure.Security;

public sealed record SystemRow(int Id, int UnitId, string UnitName, SystemDetails Details, DateOnly? LastAssessedOn, AssessmentResult? LastResult,
    AssessmentDue Due, int OpenItems, bool CanEdit);

public sealed record FindingInput(SecurityLayer Layer, RiskSeverity Severity, string Finding, string Owner, DateOnly Deadline);

public sealed record AssessmentInput(DateOnly AssessedOn, string Body, AssessmentResult Result, decimal Score, IReadOnlyList<FindingInput> Findings);

public sealed record ItemRow(int Id, string UnitName, string? SystemName, SecurityLayer Layer, RiskSeverity Severity, string Finding, string Owner,
    DateOnly Deadline, RemediationStatus Status, bool Overdue, string? Evidence, string? FixedBy, IReadOnlyList<EvidenceRow> Files, bool CanFix, bool CanConfirm);

/// <summary>Counts behind the security compliance rates of one unit (its own systems and everything under it).</summary>
public sealed record SecurityTotals(int Level2Plus, int Filed, int Level3Plus, int AssessedOnTime, int OpenHigh, int OpenMedium, int OpenLow, int Overdue,
    int DrillsThisYear, int KeyAreas, int KeyAreasConnected)
{
    public static readonly SecurityTotals Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public decimal? FiledRate => Coverage.Share(Filed, Level2Plus);
    public decimal? AssessedRate => Coverage.Share(AssessedOnTime, Level3Plus);
    public decimal? SurveillanceRate => Coverage.Share(KeyAreasConnected, KeyAreas);

    public decimal? Value(string metricKey)
    {
        var (met, of) = Counts(metricKey);
        return Coverage.Share(met, of);
    }

    /// <summary>A rate's numerator and denominator, as <see cref="Names"/> names them.</summary>
    public (int Numerator, int Denominator) Counts(string metricKey) => metricKey switch
    {
        "security.filed_rate" => (Filed, Level2Plus),
        "security.assessed_rate" => (AssessedOnTime, Level3Plus),
        "security.surveillance_rate" => (KeyAreasConnected, KeyAreas),
        _ => throw new ArgumentOutOfRangeException(nameof(metricKey), metricKey, "Not a security metric."),
    };

    /// <summary>The names of a rate's two counts, as the sources panel heads them ("Totals.{name}").</summary>
    public static (string Numerator, string Denominator) Names(string metricKey) => metricKey switch
    {
        "security.filed_rate" => (nameof(Filed), nameof(Level2Plus)),
        "security.assessed_rate" => (nameof(AssessedOnTime), nameof(Level3Plus)),
        "security.surveillance_rate" => (nameof(KeyAreasConnected), nameof(KeyAreas)),
        _ => throw new ArgumentOutOfRangeException(nameof(metricKey), metricKey, "Not a security metric."),
    };

    public SecurityTotals Minus(SecurityTotals other) => new(Level2Plus - other.Level2Plus, Filed - other.Filed, Level3Plus - other.Level3Plus,
        AssessedOnTime - other.AssessedOnTime, OpenHigh - other.OpenHigh, OpenMedium - other.OpenMedium, OpenLow - other.OpenLow, Overdue - other.Overdue,
        DrillsThisYear - other.DrillsThisYear, KeyAreas - other.KeyAreas, KeyAreasConnected - other.KeyAreasConnected);
}

/// <summary>A school's surveillance access: its register entry, its latest approved filing, and which of the two stands.</summary>
public sealed record SurveillanceRow(int SchoolId, string SchoolCode, string SchoolName, string DistrictName, SurveillanceStatus? Register, string? RegisterBy,
    SurveillanceStatus? Filing, bool CanEdit)
{
    public SurveillanceStatus? Current => SurveillanceStatus.Latest(Register, Filing);
    public bool FullyConnected => Current is { Areas: var a } && a.Connected == a.Areas;
}

public sealed record CheckRow(int Id, string UnitName, CheckDetails Details, int Findings);

public sealed record IncidentRow(int Id, string UnitName, IncidentDetails Details, string? Handling, DateOnly? ClosedOn, bool CanClose);

/// <summary>A system whose next 等级测评 is due soon or overdue, or an open item past its deadline, for the daily reminders.</summary>
public sealed record SystemDue(int SystemId, int UnitId, string Name, AssessmentDue Due);

public sealed record OverdueItem(int ItemId, int UnitId, string Finding, DateOnly Deadline);

public sealed record UnitSecurity(int UnitId, string Code, string Name, SecurityTotals Totals);

/// <summary>
/// The 等级保护 register, its assessments and the remediation of their findings, within the user's scope; and the
/// compliance rates (level-2+ systems filed, level-3+ systems assessed on time) that become the plans' security
/// indicators, recounted on every change like the other computed indicators.
/// </summary>
public sealed class SecurityService(IDbContextFactory<EduGovDbContext> factory, IOptions<EduGovOptions> options, TimeProvider clock)
{
    public static readonly string[] Metrics = ["security.filed_rate", "security.assessed_rate", "security.surveillance_rate"];

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The register within the user's scope, by unit and name, a page at a time; searched by system or unit name.</summary>
    public async Task<Paged<SystemRow>> SystemsAsync(AccessScope scope, string? search = null, int page = 0, int pageSize = 20, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var register = Register(db, db.OrgUnits.VisibleTo(scope), search);
        return new Paged<SystemRow>(await RowsAsync(db, scope, register.Skip(page * pageSize).Take(pageSize), ct), await register.CountAsync(ct));
    }

    private async Task<List<SystemRow>> RowsAsync(EduGovDbContext db, AccessScope scope, IQueryable<RegisterRow> register, CancellationToken ct)
    {
        var rows = await register.ToListAsync(ct);
        var ids = rows.Select(r => (int?)r.System.Id).ToList();
        var open = await db.RemediationItems.Where(r => r.Status != RemediationStatus.Closed && ids.Contains(r.SystemId))
            .GroupBy(r => r.SystemId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return rows.Select(r =>
        {
            var s = r.System;
            return new SystemRow(s.Id, s.OwnerUnitId, r.UnitName, Details(s), r.LastOn, r.LastResult, Due(s, r.LastAtLevel), open.GetValueOrDefault(s.Id),
                scope.CanKeepSecurityRegisterOf(r.Path));
        }).ToList();
    }

    public async Task<int> SaveSystemAsync(AccessScope scope, int? id, SystemDetails details, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await OwnUnitAsync(db, scope, ct);
        InformationSystem system;
        if (id is { } existing)
        {
            system = await db.InformationSystems.SingleOrDefaultAsync(s => s.Id == existing && s.OwnerUnitId == unit.Id, ct) ?? throw new NotFoundException("System");
            system.Update(details, Today);
        }
        else db.InformationSystems.Add(system = InformationSystem.Register(unit.Id, details, Today));
        if (await db.InformationSystems.AnyAsync(s => s.OwnerUnitId == unit.Id && s.Name == system.Name && s.Id != system.Id, ct))
            throw new DomainException(ErrorCodes.DuplicateCode, system.Name);
        await db.SaveChangesAsync(ct);
        await RecountAsync(unit.Path, ct);
        return system.Id;
    }

    /// <summary>An 等级测评 of one system; each of its findings becomes a remediation item of the system's unit.</summary>
    public async Task RecordAssessmentAsync(AccessScope scope, int systemId, AssessmentInput input, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (system, path) = await SystemAsync(db, scope, systemId, ct);
        if (!scope.CanKeepSecurityRegisterOf(path)) throw new ForbiddenException("record assessments");
        var assessment = Assessment.Record(system, input.AssessedOn, input.Body, input.Result, input.Score, Today);
        db.Assessments.Add(assessment);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.RemediationItems.AddRange(input.Findings.Select(f =>
            RemediationItem.Raise(system.OwnerUnitId, system.Id, FindingSource.Assessment, assessment.Id, f.Layer, f.Severity, f.Finding, f.Owner, f.Deadline, Today)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await RecountAsync(path, ct);
    }

    public async Task<IReadOnlyList<ItemRow>> ItemsAsync(AccessScope scope, bool openOnly = true, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = from r in db.RemediationItems
                   join u in db.OrgUnits.VisibleTo(scope) on r.UnitId equals u.Id
                   from s in db.InformationSystems.Where(s => s.Id == r.SystemId).DefaultIfEmpty()
                   select new { r, u.Name, u.Path, SystemName = s == null ? null : s.Name };
        if (openOnly) rows = rows.Where(x => x.r.Status != RemediationStatus.Closed);
        var found = await rows.AsNoTracking().ToListAsync(ct);
        var ids = found.Select(x => (int?)x.r.Id).ToList();
        var files = (await db.EvidenceFiles.Where(e => ids.Contains(e.RemediationItemId)).OrderBy(e => e.Id)
            .Select(e => new { e.RemediationItemId, Row = new EvidenceRow(e.Id, e.FileName, e.Size) }).ToListAsync(ct)).ToLookup(e => e.RemediationItemId!.Value, e => e.Row);
        return found.OrderByDescending(x => x.r.Severity).ThenBy(x => x.r.Deadline).Select(x => new ItemRow(x.r.Id, x.Name, x.SystemName, x.r.Layer, x.r.Severity,
            x.r.Finding, x.r.Owner, x.r.Deadline, x.r.Status, x.r.IsOverdue(Today), x.r.Evidence, x.r.FixedBy, files[x.r.Id].ToList(),
            x.r.Status == RemediationStatus.Open && scope.CanKeepSecurityRegisterOf(x.Path),
            x.r.Status == RemediationStatus.AwaitingReview && scope.CanConfirmFixesOf(x.Path) && x.r.FixedBy != scope.UserName)).ToList();
    }

    /// <summary>Records a fix; a high-severity one waits for a second person, and the unit above (or the unit's other staff) is told.</summary>
    public Task FixAsync(AccessScope scope, int itemId, string evidence, CancellationToken ct = default) =>
        ItemStepAsync(scope, itemId, (item, path) =>
        {
            if (!scope.CanKeepSecurityRegisterOf(path)) throw new ForbiddenException("fix findings");
            item.Fix(evidence, scope.UserName, Today);
        }, ct, async (db, item, unit, actor) =>
        {
            if (item.Status != RemediationStatus.AwaitingReview) return;
            var reviewers = unit.ParentId ?? unit.Id;
            await db.NotifyUnitAsync(NotificationKind.RemediationFixed, new Reminder(reviewers, RemediationSubject(item.Id, "fixed"), "高风险整改待复核",
                $"{actor}已整改{unit.Name}的高风险问题“{Notifier.Quote(item.Finding)}”，请复核整改证据后确认或退回。", "/security"),
                Now, [Role.District, Role.Commission], ct, except: scope.UserName);
        });

    /// <summary>A second person confirms a high-severity fix or returns it; the unit is told either way.</summary>
    public Task ConfirmAsync(AccessScope scope, int itemId, bool accepted, CancellationToken ct = default) =>
        ItemStepAsync(scope, itemId, (item, path) =>
        {
            if (!scope.CanConfirmFixesOf(path)) throw new ForbiddenException("confirm fixes");
            item.Review(accepted, scope.UserName, Today);
        }, ct, (db, item, unit, actor) => db.NotifyUnitAsync(
            accepted ? NotificationKind.RemediationConfirmed : NotificationKind.RemediationReturned,
            accepted
                ? new Reminder(unit.Id, RemediationSubject(item.Id, "confirmed"), "高风险整改已复核通过", $"{actor}复核通过了“{Notifier.Quote(item.Finding)}”的整改，该问题已关闭。", "/security")
                : new Reminder(unit.Id, RemediationSubject(item.Id, "returned"), "高风险整改被退回",
                    $"{actor}退回了“{Notifier.Quote(item.Finding)}”的整改，请补充整改后重新提交，期限 {item.Deadline:yyyy-MM-dd}。", "/security"),
            Now, [Role.Principal, Role.District, Role.Commission], ct, except: scope.UserName));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private string RemediationSubject(int id, string step) => $"remediation:{id}:{step}:{Now.Ticks}";

    /// <summary>An inspection or drill the user's own unit held; each finding becomes a remediation item of that unit.</summary>
    public async Task RecordCheckAsync(AccessScope scope, CheckDetails details, IReadOnlyList<FindingInput> findings, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await OwnUnitAsync(db, scope, ct);
        var check = SecurityCheck.Record(unit.Id, details, Today);
        db.SecurityChecks.Add(check);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var source = details.Kind == CheckKind.Drill ? FindingSource.Drill : FindingSource.Inspection;
        db.RemediationItems.AddRange(findings.Select(f => RemediationItem.Raise(unit.Id, null, source, check.Id, f.Layer, f.Severity, f.Finding, f.Owner, f.Deadline, Today)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<CheckRow>> ChecksAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = await (from c in db.SecurityChecks
                          join u in db.OrgUnits.VisibleTo(scope) on c.UnitId equals u.Id
                          orderby c.HeldOn descending
                          select new
                          {
                              c, u.Name,
                              Findings = db.RemediationItems.Count(r => r.SourceId == c.Id && (r.Source == FindingSource.Inspection || r.Source == FindingSource.Drill)),
                          }).AsNoTracking().Take(500).ToListAsync(ct);
        return rows.Select(r => new CheckRow(r.c.Id, r.Name, new CheckDetails(r.c.Kind, r.c.Title, r.c.HeldOn, r.c.Scope, r.c.Participants, r.c.Report), r.Findings)).ToList();
    }

    public async Task ReportIncidentAsync(AccessScope scope, IncidentDetails details, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await OwnUnitAsync(db, scope, ct);
        db.Incidents.Add(Incident.Report(unit.Id, details, clock.GetLocalNow().DateTime));
        await db.SaveChangesAsync(ct);
    }

    public async Task CloseIncidentAsync(AccessScope scope, int id, string handling, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var found = await (from i in db.Incidents
                           join u in db.OrgUnits.VisibleTo(scope) on i.UnitId equals u.Id
                           where i.Id == id
                           select new { i, u.Path }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Incident");
        if (!scope.CanKeepSecurityRegisterOf(found.Path)) throw new ForbiddenException("close incidents");
        found.i.Close(handling, Today);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<IncidentRow>> IncidentsAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = await (from i in db.Incidents
                          join u in db.OrgUnits.VisibleTo(scope) on i.UnitId equals u.Id
                          orderby i.OccurredAt descending
                          select new { i, u.Name, u.Path }).AsNoTracking().Take(500).ToListAsync(ct);
        return rows.Select(r => new IncidentRow(r.i.Id, r.Name, new IncidentDetails(r.i.OccurredAt, r.i.Category, r.i.Severity, r.i.Systems, r.i.Description),
            r.i.Handling, r.i.ClosedOn, r.i.ClosedOn is null && scope.CanKeepSecurityRegisterOf(r.Path))).ToList();
    }

    /// <summary>The schools in scope with their surveillance access, by district and code; optionally only those not fully connected.</summary>
    public async Task<Paged<SurveillanceRow>> SurveillanceAsync(AccessScope scope, string? search, bool notFullyConnected, int page, int pageSize,
        CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var schools = db.OrgUnits.VisibleTo(scope).Where(u => u.Kind == OrgUnitKind.School);
        if (!string.IsNullOrWhiteSpace(search)) schools = schools.Where(u => u.Name.Contains(search.Trim()) || u.Code.Contains(search.Trim()));
        var ordered = from u in schools
                      join d in db.OrgUnits on u.ParentId equals d.Id
                      orderby d.Code, u.Code
                      select new { u.Id, u.Code, u.Name, u.Path, District = d.Name };
        // Without the filter the database pages; "not fully connected" depends on the later-of rule, so it is applied here.
        var units = notFullyConnected ? await ordered.ToListAsync(ct) : await ordered.Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        var onPage = units.Select(u => u.Id).ToList();
        var bySchool = await SurveillanceBySchoolAsync(db, notFullyConnected ? schools : schools.Where(u => onPage.Contains(u.Id)), ct);
        var rows = units.Select(u =>
        {
            var s = bySchool.GetValueOrDefault(u.Path);
            return new SurveillanceRow(u.Id, u.Code, u.Name, u.District, s?.Register, s?.RegisterBy, s?.Filing, scope.CanFileFor(u.Path));
        }).Where(r => !notFullyConnected || !r.FullyConnected).ToList();
        return notFullyConnected
            ? new Paged<SurveillanceRow>(rows.Skip(page * pageSize).Take(pageSize).ToList(), rows.Count)
            : new Paged<SurveillanceRow>(rows, await schools.CountAsync(ct));
    }

    /// <summary>The school (or its district) records which key areas are connected now; the rate is recounted at once.</summary>
    public async Task SaveSurveillanceAsync(AccessScope scope, int schoolId, SurveillanceAreas areas, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var school = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == schoolId && u.Kind == OrgUnitKind.School, ct)
                     ?? throw new NotFoundException("School");
        if (!scope.CanFileFor(school.Path)) throw new ForbiddenException("record surveillance access");
        var now = clock.GetUtcNow().UtcDateTime;
        var access = await db.SurveillanceAccess.SingleOrDefaultAsync(a => a.SchoolId == schoolId, ct);
        if (access is null) db.SurveillanceAccess.Add(SurveillanceAccess.Record(schoolId, areas, scope.UserName, now));
        else access.Update(areas, scope.UserName, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new DomainException(ErrorCodes.ConcurrentEdit); // someone recorded the school's first entry at the same moment
        }
        await RecountAsync(school.Path, ct);
    }

    private static async Task<OrgUnit> OwnUnitAsync(EduGovDbContext db, AccessScope scope, CancellationToken ct)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Path == scope.OrgPath, ct);
        return unit is not null && scope.CanKeepSecurityRegisterOf(unit.Path) ? unit : throw new ForbiddenException("keep the security register");
    }

    /// <summary>A unit's totals and those of its districts or schools, counted from the register.</summary>
    public async Task<(UnitSecurity Unit, IReadOnlyList<UnitSecurity> Children)> DashboardAsync(AccessScope scope, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("OrgUnit");
        var totals = await TotalsAsync(unit, ct);
        var children = await db.OrgUnits.Where(c => c.ParentId == unit.Id).OrderBy(c => c.Code).Select(c => new { c.Id, c.Code, c.Name, c.Path }).ToListAsync(ct);
        return (new UnitSecurity(unit.Id, unit.Code, unit.Name, totals.GetValueOrDefault(unit.Path, SecurityTotals.Empty)),
            children.Select(c => new UnitSecurity(c.Id, c.Code, c.Name, totals.GetValueOrDefault(c.Path, SecurityTotals.Empty))).ToList());
    }

    /// <summary>The register as an Excel file for the annual 等保 filing; the export is recorded in the audit trail.</summary>
    public async Task<byte[]> ExportAsync(AccessScope scope, CancellationToken ct = default)
    {
        List<SystemRow> rows;
        await using (var read = await factory.OpenAsync(scope, ct))
            rows = await RowsAsync(read, scope, Register(read, read.OrgUnits.VisibleTo(scope)), ct);
        using var workbook = new XLWorkbook();
        Spreadsheet.Sheet(workbook, "信息系统", ["单位", "系统名称", "用途", "责任人", "安全保护等级", "含个人信息", "备案编号", "备案日期", "部署方式", "最近测评", "测评结论", "下次测评", "待整改"],
            rows.Select(r => new object?[]
            {
                r.UnitName, r.Details.Name, r.Details.Purpose, r.Details.ResponsiblePerson, $"第{r.Details.Level}级", r.Details.HoldsPersonalData ? "是" : "否",
                r.Details.FilingNumber, r.Details.FiledOn?.ToString("yyyy-MM-dd"), HostingText(r.Details.Hosting), r.LastAssessedOn?.ToString("yyyy-MM-dd"),
                r.LastResult is { } result ? ResultText(result) : null, r.Due.DueOn?.ToString("yyyy-MM-dd"), r.OpenItems,
            }));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        await using var db = await factory.OpenAsync(scope, ct);
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Export", "InformationSystem", null, $"{rows.Count} systems"));
        await db.SaveChangesAsync(ct);
        return stream.ToArray();
    }

    /// <summary>The security indicators of every plan, for this year: the issuer, its districts and their schools (the nightly recount).</summary>
    public Task RecountAsync(CancellationToken ct = default) => RecountAsync(null, ct);

    /// <summary>
    /// Recounts the rates after a change in one unit: only the values of that unit and the units above it can move, so
    /// only those are rewritten, and only where they changed. Without a unit, every unit's (the nightly recount).
    /// </summary>
    public async Task RecountAsync(string? changedPath, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditRows = false;
        var indicators = await db.Indicators.Where(i => i.Source == ValueSource.Computed && Metrics.Contains(i.MetricKey!))
            .Select(i => new { i.Id, i.MetricKey, i.Plan.OrgUnit.Path }).ToListAsync(ct);
        var year = Today.Year;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A plan's rates read the same totals: count once per issuing unit.
        foreach (var issuer in indicators.GroupBy(i => i.Path))
        {
            if (changedPath is not null && !changedPath.StartsWith(issuer.Key, StringComparison.Ordinal)) continue;
            var lineage = changedPath is null ? null : OrgUnit.LineageOf(changedPath).Where(p => p.StartsWith(issuer.Key, StringComparison.Ordinal)).ToList();
            var units = await db.OrgUnits.Where(u => lineage == null ? u.Path.StartsWith(issuer.Key) : lineage.Contains(u.Path))
                .Select(u => new { u.Id, u.Path }).ToListAsync(ct);
            var totals = lineage is null ? await TotalsAsync(issuer.Key, null, ct) : [];
            // A count grouped by child is whole for the unit and its children only: take each lineage unit from the
            // count of its own unit or of its parent.
            if (lineage is not null)
                foreach (var unit in units.Where(u => u.Path != changedPath || units.Count == 1))
                {
                    var counted = await TotalsAsync(unit.Path, unit.Id, ct);
                    foreach (var path in lineage.Where(p => p == unit.Path || OrgUnit.LineageOf(p) is { Count: > 1 } above && above[^2] == unit.Path))
                        if (counted.TryGetValue(path, out var t)) totals[path] = t;
                }
            var computed = new Dictionary<(int Indicator, int Unit), decimal>();
            foreach (var indicator in issuer)
            foreach (var unit in units)
                if (totals.TryGetValue(unit.Path, out var t) && t.Value(indicator.MetricKey!) is { } value)
                    computed[(indicator.Id, unit.Id)] = value;

            var indicatorIds = issuer.Select(i => i.Id).ToList();
            var unitIds = units.Select(u => u.Id).ToList();
            var stored = await db.IndicatorValues.Where(v => indicatorIds.Contains(v.IndicatorId) && v.Year == year && (lineage == null || unitIds.Contains(v.OrgUnitId)))
                .ToListAsync(ct);
            foreach (var value in stored)
                if (!computed.Remove((value.IndicatorId, value.OrgUnitId), out var fresh)) db.IndicatorValues.Remove(value);
                else if (value.Value != fresh) value.Recompute(fresh, now);
            foreach (var ((indicatorId, unitId), value) in computed)
                db.IndicatorValues.Add(IndicatorValue.Computed(indicatorId, unitId, year, value, now));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Totals for every unit under a path, rolled up from each system's unit: the counts are grouped in the database,
    /// only level-3+ systems (a city's few hundred) come back one by one for the assessment schedule's rule. The
    /// register, the open items and the surveillance access are read side by side, each on its own connection.
    /// </summary>
    private Task<Dictionary<string, SecurityTotals>> TotalsAsync(OrgUnit unit, CancellationToken ct) => TotalsAsync(unit.Path, unit.Id, ct);

    /// <param name="childrenOf">
    /// The id of the unit at <paramref name="path"/> when only it and its children are wanted (a dashboard): the database
    /// then groups by child, about 40 rows for a city, instead of by each of its 9,000 schools.
    /// </param>
    private async Task<Dictionary<string, SecurityTotals>> TotalsAsync(string path, int? childrenOf, CancellationToken ct)
    {
        var counts = new Dictionary<string, int[]>();
        void Add(string unitPath, int index, int amount = 1)
        {
            foreach (var p in OrgUnit.LineageOf(unitPath))
            {
                if (!counts.TryGetValue(p, out var c)) counts[p] = c = new int[11];
                c[index] += amount;
            }
        }
        var register = ReadAsync(async db =>
        {
            var units = db.OrgUnits.Where(u => u.Path.StartsWith(path))
                .Select(u => new { u.Id, Key = childrenOf == null || u.Id == childrenOf || u.ParentId == childrenOf ? u.Id : u.ParentId!.Value });
            var filed = await (from s in db.InformationSystems
                               join u in units on s.OwnerUnitId equals u.Id
                               where s.Level >= 2
                               group s by u.Key into g
                               select new { Key = g.Key, Systems = g.Count(), Filed = g.Count(s => s.FilingNumber != null && s.FiledOn != null) }).ToListAsync(ct);
            var level3 = await (from s in db.InformationSystems
                                join u in units on s.OwnerUnitId equals u.Id
                                where s.Level >= 3
                                select new { u.Key, s.Level, s.LevelSince, LastAtLevel = db.Assessments.Where(a => a.SystemId == s.Id && a.Level == s.Level).Max(a => (DateOnly?)a.AssessedOn) })
                .ToListAsync(ct);
            var keys = filed.Select(f => f.Key).ToList();
            var paths = await db.OrgUnits.Where(u => keys.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
            return (Filed: filed.Select(f => (Path: paths[f.Key], f.Systems, f.Filed)).ToList(),
                Level3: level3.Select(s => (Path: paths[s.Key], Current: AssessmentSchedule.HasCurrentAssessment(s.Level, s.LevelSince, s.LastAtLevel, options.Value.Level2AssessmentMonths, Today))).ToList());
        });
        var items = ReadAsync(db => (from r in db.RemediationItems
                                     join u in db.OrgUnits on r.UnitId equals u.Id
                                     where r.Status != RemediationStatus.Closed && u.Path.StartsWith(path)
                                     select new { u.Path, r }).AsNoTracking().ToListAsync(ct));
        var drills = ReadAsync(db => (from c in db.SecurityChecks
                                      join u in db.OrgUnits on c.UnitId equals u.Id
                                      where c.Kind == CheckKind.Drill && c.HeldOn.Year == Today.Year && u.Path.StartsWith(path)
                                      select u.Path).ToListAsync(ct));
        var surveillance = ReadAsync(db => SurveillanceBySchoolAsync(db, db.OrgUnits.Where(u => u.Path.StartsWith(path)), ct));

        var (filed, level3) = await register;
        foreach (var f in filed)
        {
            Add(f.Path, 0, f.Systems);
            Add(f.Path, 1, f.Filed);
        }
        foreach (var s in level3)
        {
            Add(s.Path, 2);
            if (s.Current) Add(s.Path, 3);
        }
        foreach (var i in await items)
        {
            Add(i.Path, i.r.Severity switch { RiskSeverity.High => 4, RiskSeverity.Medium => 5, _ => 6 });
            if (i.r.IsOverdue(Today)) Add(i.Path, 7);
        }
        foreach (var drill in await drills) Add(drill, 8);
        foreach (var (schoolPath, school) in await surveillance)
            if (school.Current is { Areas: var areas })
            {
                Add(schoolPath, 9, areas.Areas);
                Add(schoolPath, 10, areas.Connected);
            }
        return counts.ToDictionary(c => c.Key, c => new SecurityTotals(c.Value[0], c.Value[1], c.Value[2], c.Value[3], c.Value[4], c.Value[5], c.Value[6], c.Value[7], c.Value[8],
            c.Value[9], c.Value[10]));

        async Task<T> ReadAsync<T>(Func<EduGovDbContext, Task<T>> read)
        {
            await Task.Yield(); // start the next read before this one finishes
            await using var db = await factory.CreateDbContextAsync(ct);
            return await read(db);
        }
    }

    private sealed record SchoolSurveillance(SurveillanceStatus? Register, string? RegisterBy, SurveillanceStatus? Filing)
    {
        public SurveillanceStatus? Current => SurveillanceStatus.Latest(Register, Filing);
    }

    /// <summary>Per school path: its register entry and its latest approved filing's key areas (the last approved, whatever its period).</summary>
    private static async Task<Dictionary<string, SchoolSurveillance>> SurveillanceBySchoolAsync(EduGovDbContext db, IQueryable<OrgUnit> schools, CancellationToken ct)
    {
        var register = await (from a in db.SurveillanceAccess
                              join u in schools on a.SchoolId equals u.Id
                              select new { u.Path, a.Canteen, a.Gate, a.Playground, a.ExamRooms, a.UpdatedBy, a.UpdatedAtUtc })
            .ToDictionaryAsync(r => r.Path, r => (Status: new SurveillanceStatus(new SurveillanceAreas(r.Canteen, r.Gate, r.Playground, r.ExamRooms), r.UpdatedAtUtc), By: r.UpdatedBy), ct);
        var approved = db.Filings.Where(f => f.Status == FilingStatus.Approved);
        var lastApproved = approved.GroupBy(f => f.SchoolId).Select(g => new { SchoolId = g.Key, At = g.Max(f => f.UpdatedAtUtc) });
        var filings = await (from f in approved
                             join last in lastApproved on new { f.SchoolId, At = f.UpdatedAtUtc } equals new { last.SchoolId, last.At }
                             join u in schools on f.SchoolId equals u.Id
                             select new { u.Path, f.UpdatedAtUtc, f.Survey.CanteenConnected, f.Survey.GateConnected, f.Survey.PlaygroundConnected })
            .ToListAsync(ct);
        var latestFiling = filings.DistinctBy(f => f.Path).ToDictionary(f => f.Path, f => new SurveillanceStatus(  // two approvals in the same tick: either
            new SurveillanceAreas(f.CanteenConnected == true, f.GateConnected == true, f.PlaygroundConnected == true, null), f.UpdatedAtUtc));
        return register.Keys.Union(latestFiling.Keys).ToDictionary(p => p, p => register.TryGetValue(p, out var r)
            ? new SchoolSurveillance(r.Status, r.By, latestFiling.GetValueOrDefault(p))
            : new SchoolSurveillance(null, null, latestFiling[p]));
    }

    private sealed record RegisterRow(InformationSystem System, string UnitName, string Path, DateOnly? LastOn, AssessmentResult? LastResult, DateOnly? LastAtLevel);

    private static IQueryable<RegisterRow> Register(EduGovDbContext db, IQueryable<OrgUnit> units, string? search = null)
    {
        var term = search?.Trim();
        return from s in db.InformationSystems
               join u in units on s.OwnerUnitId equals u.Id
               where string.IsNullOrEmpty(term) || s.Name.Contains(term) || u.Name.Contains(term)
               orderby u.Path, s.Name
               let last = db.Assessments.Where(a => a.SystemId == s.Id).OrderByDescending(a => a.AssessedOn).FirstOrDefault()
               select new RegisterRow(s, u.Name, u.Path, last == null ? null : last.AssessedOn, last == null ? null : last.Result,
                   db.Assessments.Where(a => a.SystemId == s.Id && a.Level == s.Level).Max(a => (DateOnly?)a.AssessedOn));
    }

    /// <summary>Every system, in all cities, whose next 等级测评 is due soon or overdue on <paramref name="today"/>.</summary>
    public async Task<IReadOnlyList<SystemDue>> AssessmentsDueAsync(DateOnly today, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var register = await Register(db, db.OrgUnits).ToListAsync(ct);
        return register.Select(r => new SystemDue(r.System.Id, r.System.OwnerUnitId, r.System.Name,
                AssessmentSchedule.Due(r.System.Level, r.System.LevelSince, r.LastAtLevel, options.Value.Level2AssessmentMonths, today)))
            .Where(s => s.Due.State is DueState.DueSoon or DueState.Overdue).ToList();
    }

    /// <summary>Every open remediation item, in all cities, past its deadline on <paramref name="today"/>.</summary>
    public async Task<IReadOnlyList<OverdueItem>> OverdueItemsAsync(DateOnly today, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RemediationItems.Where(RemediationItem.OverdueOn(today)).OrderBy(r => r.Deadline).ThenBy(r => r.Id)
            .Select(r => new OverdueItem(r.Id, r.UnitId, r.Finding, r.Deadline)).ToListAsync(ct);
    }

    private AssessmentDue Due(InformationSystem s, DateOnly? lastAtLevel) =>
        AssessmentSchedule.Due(s.Level, s.LevelSince, lastAtLevel, options.Value.Level2AssessmentMonths, Today);

    private async Task ItemStepAsync(AccessScope scope, int itemId, Action<RemediationItem, string> step, CancellationToken ct,
        Func<EduGovDbContext, RemediationItem, OrgUnit, string, Task>? notify = null)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var found = await (from r in db.RemediationItems
                           join u in db.OrgUnits.VisibleTo(scope) on r.UnitId equals u.Id
                           where r.Id == itemId
                           select new { r, u }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("RemediationItem");
        step(found.r, found.u.Path);
        if (notify is not null) await notify(db, found.r, found.u, await db.NameAsync(scope.UserName, ct));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<(InformationSystem System, string Path)> SystemAsync(EduGovDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var found = await (from s in db.InformationSystems
                           join u in db.OrgUnits.VisibleTo(scope) on s.OwnerUnitId equals u.Id
                           where s.Id == id
                           select new { s, u.Path }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("System");
        return (found.s, found.Path);
    }

    private static SystemDetails Details(InformationSystem s) =>
        new(s.Name, s.Purpose, s.ResponsiblePerson, s.Level, s.HoldsPersonalData, s.FilingNumber, s.FiledOn, s.Hosting);

    public static string HostingText(Hosting h) => h switch { Hosting.Local => "本地部署", Hosting.GovernmentCloud => "政务云", _ => "服务商托管" };

    public static string ResultText(AssessmentResult r) => r switch { AssessmentResult.Conforming => "符合", AssessmentResult.BasicallyConforming => "基本符合", _ => "不符合" };
}
