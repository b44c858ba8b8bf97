using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Training;

public sealed record TeacherRow(int Id, int SchoolId, string SchoolName, string StaffNumber, string Name, Gender Gender, string? Subject, Post Post,
    TeacherStatus Status, string? IdNumber);

public sealed record RecordRow(long Id, string CourseCode, string CourseTitle, CourseCategory Category, DateOnly CompletedOn,
    decimal Hours, decimal PracticeHours, string CertificateNumber);

public sealed record NewRecord(int CourseId, DateOnly CompletedOn, decimal Hours, decimal PracticeHours, string CertificateNumber);

/// <summary>One teacher with their records and where they stand under each rule that binds their school.</summary>
public sealed record TeacherFile(TeacherRow Teacher, IReadOnlyList<RecordRow> Records, IReadOnlyList<(string Code, string Name, Compliance Compliance)> Standings);

/// <summary>
/// The teacher registry and completion records entered one by one, within the user's scope. Principals keep their
/// school's registry and district staff their schools'; every change recounts the school's compliance at once.
/// </summary>
public sealed class TrainingService(IDbContextFactory<EduGovDbContext> factory, ComplianceService compliance, TimeProvider clock)
{
    /// <summary>
    /// Teachers in scope, a page at a time; ID numbers masked unless the role keeps the registry, and then each page
    /// that shows them is recorded in the audit trail.
    /// </summary>
    public async Task<Paged<TeacherRow>> TeachersAsync(AccessScope scope, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = from t in db.Teachers
                   join s in db.OrgUnits.VisibleTo(scope) on t.SchoolId equals s.Id
                   select new { t, SchoolName = s.Name };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            rows = rows.Where(r => r.t.Name.Contains(text) || r.t.StaffNumber.StartsWith(text) || r.SchoolName.Contains(text));
        }
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(r => r.SchoolName).ThenBy(r => r.t.StaffNumber).Skip(page * pageSize).Take(pageSize).AsNoTracking().ToListAsync(ct);
        var teachers = items.Select(r => Row(scope, r.t, r.SchoolName)).ToList();
        var shown = scope.CanSeeIdNumbers ? teachers.Count(t => t.IdNumber is not null) : 0;
        if (shown > 0)
        {
            var unit = await db.OrgUnits.Where(u => u.Path == scope.OrgPath).Select(u => u.Name).SingleAsync(ct);
            db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "ViewIdNumbers", "Teacher", null, $"{unit}: {shown} ID numbers, page {page + 1}"));
            await db.SaveChangesAsync(ct);
        }
        return new Paged<TeacherRow>(teachers, total);
    }

    public async Task<TeacherFile> TeacherAsync(AccessScope scope, int id, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (teacher, school) = await LoadAsync(db, scope, id, ct);
        var records = await (from r in db.TrainingRecords
                             join c in db.Courses on r.CourseId equals c.Id
                             where r.TeacherId == id
                             orderby r.CompletedOn descending
                             select new RecordRow(r.Id, c.Code, c.Title, c.Category, r.CompletedOn, r.Hours, r.PracticeHours, r.CertificateNumber))
            .ToListAsync(ct);
        var standings = (await ComplianceService.BindingAsync(db, school.Path, ct)).Where(r => r.Rule.AppliesTo(teacher.Post))
            .Select(r => (r.Indicator.Code, r.Indicator.Name, r.Rule.Evaluate(records.Select(x => (x.CompletedOn, x.Category, x.Hours, x.PracticeHours))))).ToList();
        if (scope.CanSeeIdNumbers && teacher.IdNumber is not null)
        {
            db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "ViewIdNumbers", "Teacher", teacher.Id.ToString(), $"{school.Name}: 1 ID number"));
            await db.SaveChangesAsync(ct);
        }
        return new TeacherFile(Row(scope, teacher, school.Name), records, standings);
    }

    public async Task<int> SaveTeacherAsync(AccessScope scope, int? id, int schoolId, TeacherDetails details, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var school = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == schoolId && u.Kind == OrgUnitKind.School, ct)
                     ?? throw new NotFoundException("School");
        if (!scope.CanKeepRegistryOf(school.Path)) throw new ForbiddenException("keep the teacher registry");
        Teacher teacher;
        if (id is { } existing)
        {
            (teacher, _) = await LoadAsync(db, scope, existing, ct);
            if (teacher.SchoolId != schoolId) throw new NotFoundException("Teacher");
            teacher.Update(details);
        }
        else db.Teachers.Add(teacher = Teacher.Create(schoolId, details));
        if (await db.Teachers.AnyAsync(t => t.SchoolId == schoolId && t.StaffNumber == teacher.StaffNumber && t.Id != teacher.Id, ct))
            throw new DomainException(ErrorCodes.StaffNumberTaken, teacher.StaffNumber);
        await db.SaveChangesAsync(ct);
        await compliance.RecomputeSchoolAsync(schoolId, ct);
        return teacher.Id;
    }

    public async Task AddRecordAsync(AccessScope scope, int teacherId, NewRecord input, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (teacher, school) = await LoadAsync(db, scope, teacherId, ct);
        if (!scope.CanKeepRegistryOf(school.Path)) throw new ForbiddenException("record training");
        if (!await db.Courses.AnyAsync(c => c.Id == input.CourseId, ct)) throw new DomainException(ErrorCodes.Required, "Course");
        var record = TrainingRecord.Create(teacher.Id, input.CourseId, input.CompletedOn, input.Hours, input.PracticeHours, input.CertificateNumber.Trim(),
            DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        if (await db.TrainingRecords.AnyAsync(r => r.CertificateNumber == record.CertificateNumber, ct))
            throw new DomainException(ErrorCodes.CertificateTaken, record.CertificateNumber);
        db.TrainingRecords.Add(record);
        await db.SaveChangesAsync(ct);
        await compliance.RecomputeSchoolAsync(school.Id, ct);
    }

    public async Task DeleteRecordAsync(AccessScope scope, int teacherId, long recordId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (_, school) = await LoadAsync(db, scope, teacherId, ct);
        if (!scope.CanKeepRegistryOf(school.Path)) throw new ForbiddenException("record training");
        var record = await db.TrainingRecords.SingleOrDefaultAsync(r => r.Id == recordId && r.TeacherId == teacherId, ct) ?? throw new NotFoundException("Record");
        db.TrainingRecords.Remove(record);
        await db.SaveChangesAsync(ct);
        await compliance.RecomputeSchoolAsync(school.Id, ct);
    }

    private static async Task<(Teacher Teacher, OrgUnit School)> LoadAsync(EduGovDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var found = await (from t in db.Teachers
                           join s in db.OrgUnits.VisibleTo(scope) on t.SchoolId equals s.Id
                           where t.Id == id
                           select new { t, s }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Teacher");
        return (found.t, found.s);
    }

    private static TeacherRow Row(AccessScope scope, Teacher t, string schoolName) =>
        new(t.Id, t.SchoolId, schoolName, t.StaffNumber, t.Name, t.Gender, t.Subject, t.Post, t.Status, scope.CanSeeIdNumbers ? t.IdNumber : IdNumbers.Mask(t.IdNumber));
}
