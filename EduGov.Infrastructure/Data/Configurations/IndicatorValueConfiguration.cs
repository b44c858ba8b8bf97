using EduGov.Domain.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.HasIndex(v => new { v.IndicatorId, v.OrgUnitId, v.Year }).IsUnique();
        builder.Property(v => v.Value).HasPrecision(18, 4);
        builder.Property(v => v.Note).HasMaxLength(500);
        builder.Property(v => v.RecordedBy).HasMaxLength(100);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.OrgUnit).WithMany().HasForeignKey(v => v.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
