using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class TeacherConfiguration : IEntityTypeConfiguration<Teacher>
{
    public void Configure(EntityTypeBuilder<Teacher> builder)
    {
        builder.HasIndex(t => new { t.SchoolId, t.StaffNumber }).IsUnique();
        builder.Property(t => t.StaffNumber).HasMaxLength(30);
        builder.Property(t => t.Name).HasMaxLength(50);
        builder.Property(t => t.Subject).HasMaxLength(30);
        builder.Property(t => t.IdNumber).HasMaxLength(18);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.Code).HasMaxLength(30);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Provider).HasMaxLength(100);
        builder.Property(c => c.Hours).HasPrecision(6, 1);
        builder.Property(c => c.PracticeHours).HasPrecision(6, 1);
    }
}

public sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> builder)
    {
        builder.HasIndex(r => r.CertificateNumber).IsUnique();
        builder.HasIndex(r => new { r.TeacherId, r.CompletedOn });
        builder.Property(r => r.CertificateNumber).HasMaxLength(40);
        builder.Property(r => r.Hours).HasPrecision(6, 1);
        builder.Property(r => r.PracticeHours).HasPrecision(6, 1);
        builder.HasOne<Teacher>().WithMany().HasForeignKey(r => r.TeacherId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Course>().WithMany().HasForeignKey(r => r.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ComplianceRuleConfiguration : IEntityTypeConfiguration<ComplianceRule>
{
    public void Configure(EntityTypeBuilder<ComplianceRule> builder)
    {
        builder.HasIndex(r => r.IndicatorId).IsUnique();
        builder.Property(r => r.MinHours).HasPrecision(6, 1);
        builder.Property(r => r.MinPracticeHours).HasPrecision(6, 1);
        builder.Property(r => r.Posts).HasConversion(EnumList<Post>()).Metadata.SetValueComparer(ListComparer<Post>());
        builder.Property(r => r.Categories).HasConversion(EnumList<CourseCategory>()).Metadata.SetValueComparer(ListComparer<CourseCategory>());
        builder.HasOne<Indicator>().WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }

    // A short list of enum names in one column ("Principal,VicePrincipal"): read whole, never queried by element.
    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<T>, string> EnumList<T>() where T : struct, Enum =>
        new(list => string.Join(',', list), text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<T>).ToList());

    private static ValueComparer<List<T>> ListComparer<T>() where T : struct, Enum =>
        new((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (h, v) => HashCode.Combine(h, v)), list => list.ToList());
}

public sealed class ComplianceTallyConfiguration : IEntityTypeConfiguration<ComplianceTally>
{
    public void Configure(EntityTypeBuilder<ComplianceTally> builder)
    {
        builder.HasIndex(t => new { t.IndicatorId, t.SchoolId, t.Year }).IsUnique();
        builder.HasOne<Indicator>().WithMany().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}
