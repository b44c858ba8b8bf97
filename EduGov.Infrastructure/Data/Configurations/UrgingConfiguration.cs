using EduGov.Domain.Organisation;
using EduGov.Domain.Urging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class UrgingCaseConfiguration : IEntityTypeConfiguration<UrgingCase>
{
    public void Configure(EntityTypeBuilder<UrgingCase> builder)
    {
        builder.ToTable("Urgings");
        builder.HasIndex(u => new { u.TargetUnitId, u.Status });
        builder.HasIndex(u => new { u.IssuerUnitId, u.Status });
        builder.HasIndex(u => new { u.Status, u.Deadline });
        builder.HasIndex(u => u.IssuedAtUtc);
        builder.Property(u => u.IssuedBy).HasMaxLength(256);
        builder.Property(u => u.SubjectLabel).HasMaxLength(200);
        builder.Property(u => u.Requirement).HasMaxLength(1000);
        builder.Property(u => u.Explanation).HasMaxLength(2000);
        builder.Property(u => u.Plan).HasMaxLength(2000);
        // The issuer closing while the unit answers, or two clerks pressing at once: the second save fails instead of overwriting.
        builder.Property(u => u.Version).IsConcurrencyToken();
        builder.Ignore(u => u.IsEscalated);
        builder.HasMany(u => u.History).WithOne().HasForeignKey(s => s.UrgingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(u => u.History).HasField("_history");
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.IssuerUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.TargetUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.EscalatedToUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class UrgingStepConfiguration : IEntityTypeConfiguration<UrgingStep>
{
    public void Configure(EntityTypeBuilder<UrgingStep> builder)
    {
        builder.ToTable("UrgingSteps");
        builder.Property(s => s.By).HasMaxLength(256);
        builder.Property(s => s.Text).HasMaxLength(4100);
    }
}
