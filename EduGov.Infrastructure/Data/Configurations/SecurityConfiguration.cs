using EduGov.Domain.Organisation;
using EduGov.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class InformationSystemConfiguration : IEntityTypeConfiguration<InformationSystem>
{
    public void Configure(EntityTypeBuilder<InformationSystem> builder)
    {
        builder.HasIndex(s => new { s.OwnerUnitId, s.Name }).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Purpose).HasMaxLength(500);
        builder.Property(s => s.ResponsiblePerson).HasMaxLength(50);
        builder.Property(s => s.FilingNumber).HasMaxLength(50);
        builder.Ignore(s => s.IsFiled);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.HasIndex(a => new { a.SystemId, a.AssessedOn });
        builder.Property(a => a.Body).HasMaxLength(100);
        builder.Property(a => a.Score).HasPrecision(5, 1);
        builder.HasOne<InformationSystem>().WithMany().HasForeignKey(a => a.SystemId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RemediationItemConfiguration : IEntityTypeConfiguration<RemediationItem>
{
    public void Configure(EntityTypeBuilder<RemediationItem> builder)
    {
        builder.HasIndex(r => new { r.UnitId, r.Status });
        builder.Property(r => r.Finding).HasMaxLength(1000);
        builder.Property(r => r.Owner).HasMaxLength(50);
        builder.Property(r => r.Evidence).HasMaxLength(2000);
        builder.Property(r => r.FixedBy).HasMaxLength(256);
        builder.Property(r => r.ReviewedBy).HasMaxLength(256);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<InformationSystem>().WithMany().HasForeignKey(r => r.SystemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SecurityCheckConfiguration : IEntityTypeConfiguration<SecurityCheck>
{
    public void Configure(EntityTypeBuilder<SecurityCheck> builder)
    {
        builder.HasIndex(c => new { c.UnitId, c.HeldOn });
        builder.Property(c => c.Title).HasMaxLength(100);
        builder.Property(c => c.Scope).HasMaxLength(500);
        builder.Property(c => c.Participants).HasMaxLength(500);
        builder.Property(c => c.Report).HasMaxLength(4000);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.HasIndex(i => new { i.UnitId, i.OccurredAt });
        builder.Property(i => i.Systems).HasMaxLength(500);
        builder.Property(i => i.Description).HasMaxLength(2000);
        builder.Property(i => i.Handling).HasMaxLength(2000);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SurveillanceAccessConfiguration : IEntityTypeConfiguration<SurveillanceAccess>
{
    public void Configure(EntityTypeBuilder<SurveillanceAccess> builder)
    {
        builder.HasIndex(a => a.SchoolId).IsUnique();
        builder.Property(a => a.UpdatedBy).HasMaxLength(256);
        builder.Ignore(a => a.Areas);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}
