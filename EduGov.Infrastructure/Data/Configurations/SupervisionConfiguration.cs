using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class GeneratedDocumentConfiguration : IEntityTypeConfiguration<GeneratedDocument>
{
    public void Configure(EntityTypeBuilder<GeneratedDocument> builder)
    {
        builder.HasIndex(d => new { d.Kind, d.UnitId, d.Year, d.Version }).IsUnique();
        builder.HasIndex(d => d.CreatedAtUtc);
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.CreatedBy).HasMaxLength(100);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.StoredName).HasMaxLength(60);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
