using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Training;

public sealed record CourseRow(int Id, CourseDetails Details, int Records);

/// <summary>The training providers' course catalog: everyone reads it, the commission keeps it.</summary>
public sealed class CourseService(IDbContextFactory<EduGovDbContext> factory)
{
    public async Task<Paged<CourseRow>> ListAsync(string? search, CourseCategory? category, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var courses = db.Courses.AsQueryable();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            courses = courses.Where(c => c.Code.StartsWith(text) || c.Title.Contains(text) || c.Provider.Contains(text));
        }
        if (category is { } only) courses = courses.Where(c => c.Category == only);
        var total = await courses.CountAsync(ct);
        var rows = await courses.OrderBy(c => c.Code).Skip(page * pageSize).Take(pageSize)
            .Select(c => new { c, Records = db.TrainingRecords.Count(r => r.CourseId == c.Id) }).AsNoTracking().ToListAsync(ct);
        return new Paged<CourseRow>(rows.Select(r => new CourseRow(r.c.Id, Details(r.c), r.Records)).ToList(), total);
    }

    /// <summary>Every course, for a picker.</summary>
    public async Task<IReadOnlyList<CourseRow>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Courses.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct)).Select(c => new CourseRow(c.Id, Details(c), 0)).ToList();
    }

    public async Task<int> SaveAsync(AccessScope scope, int? id, CourseDetails details, CancellationToken ct = default)
    {
        if (!scope.CanManageCourses) throw new ForbiddenException("keep the course catalog");
        await using var db = await factory.OpenAsync(scope, ct);
        Course course;
        if (id is { } existing)
        {
            course = await db.Courses.SingleOrDefaultAsync(c => c.Id == existing, ct) ?? throw new NotFoundException("Course");
            course.Update(details);
        }
        else db.Courses.Add(course = Course.Create(details));
        if (await db.Courses.AnyAsync(c => c.Code == course.Code && c.Id != course.Id, ct)) throw new DomainException(ErrorCodes.DuplicateCode, course.Code);
        await db.SaveChangesAsync(ct);
        return course.Id;
    }

    public async Task DeleteAsync(AccessScope scope, int id, CancellationToken ct = default)
    {
        if (!scope.CanManageCourses) throw new ForbiddenException("keep the course catalog");
        await using var db = await factory.OpenAsync(scope, ct);
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Course");
        var records = await db.TrainingRecords.CountAsync(r => r.CourseId == id, ct);
        if (records > 0) throw new DomainException(ErrorCodes.CourseInUse, records);
        db.Courses.Remove(course);
        await db.SaveChangesAsync(ct);
    }

    private static CourseDetails Details(Course c) => new(c.Code, c.Title, c.Provider, c.Category, c.Mode, c.Hours, c.PracticeHours);
}
