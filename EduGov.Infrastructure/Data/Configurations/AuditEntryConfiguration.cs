using EduGov.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Actor).HasMaxLength(100);
        builder.Property(a => a.Action).HasMaxLength(30);
        builder.Property(a => a.Entity).HasMaxLength(60);
        builder.Property(a => a.EntityId).HasMaxLength(60);
        builder.HasIndex(a => a.AtUtc);
    }
}
