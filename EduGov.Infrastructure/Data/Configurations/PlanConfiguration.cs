using EduGov.Domain.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.DocumentNumber).HasMaxLength(60);
        builder.Property(p => p.Issuer).HasMaxLength(100);
        builder.Property(p => p.Summary).HasMaxLength(2000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne(p => p.OrgUnit).WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Tasks).WithOne(t => t.Plan).HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Indicators).WithOne(i => i.Plan).HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Milestones).WithOne(m => m.Plan).HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
