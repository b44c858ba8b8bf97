using EduGov.Domain.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> builder)
    {
        builder.Property(t => t.Number).HasMaxLength(30);
        builder.HasIndex(t => new { t.PlanId, t.Number }).IsUnique();
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Section).HasMaxLength(100);
        builder.Property(t => t.LeadUnit).HasMaxLength(200);
        builder.Property(t => t.ResponsibleUnits).HasMaxLength(500);
        builder.Property(t => t.Summary).HasMaxLength(4000);
    }
}
