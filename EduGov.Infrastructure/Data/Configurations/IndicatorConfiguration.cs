using EduGov.Domain.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(30);
        builder.HasIndex(i => new { i.PlanId, i.Code }).IsUnique();
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Unit).HasMaxLength(20);
        builder.Property(i => i.MetricKey).HasMaxLength(60);
        builder.Property(i => i.Baseline).HasPrecision(18, 4);
        builder.Property(i => i.Population).HasMaxLength(200);
        builder.Property(i => i.Note).HasMaxLength(1000);
        builder.Ignore(i => i.IsPercent);
        // Restrict, not set-null: SQL Server refuses a second cascade path from Plan; the domain refuses to remove a task in use.
        builder.HasOne(i => i.Task).WithMany().HasForeignKey(i => i.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Targets).WithOne().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> builder)
    {
        builder.HasIndex(t => new { t.IndicatorId, t.Year }).IsUnique();
        builder.Property(t => t.Value).HasPrecision(18, 4);
        builder.Property(t => t.Note).HasMaxLength(200);
    }
}
