using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class GeneratedDocumentConfiguration : IEntityTypeConfiguration<GeneratedDocument>
{
    public void Configure(EntityTypeBuilder<GeneratedDocument> builder)
    {
        builder.HasIndex(d => new { d.Kind, d.UnitId, d.Year, d.Series, d.Version }).IsUnique();
        builder.HasIndex(d => d.CreatedAtUtc);
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.CreatedBy).HasMaxLength(100);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.StoredName).HasMaxLength(60);
        // The figures as one JSON document: read and written whole with their version, never queried one by one.
        builder.Property(d => d.Figures).HasJsonList();
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> builder)
    {
        builder.HasIndex(i => new { i.CityId, i.SortOrder });
        builder.Property(i => i.Category).HasMaxLength(20);
        builder.Property(i => i.Text).HasMaxLength(200);
        builder.Property(i => i.MaxScore).HasPrecision(5, 1);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(i => i.CityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> builder)
    {
        builder.HasIndex(i => new { i.UnitId, i.PlannedOn });
        builder.HasIndex(i => new { i.CityId, i.Status });
        builder.Property(i => i.PlannedBy).HasMaxLength(256);
        builder.Property(i => i.RecordedBy).HasMaxLength(256);
        builder.Property(i => i.Findings).HasMaxLength(4000);
        builder.Property(i => i.TotalScore).HasPrecision(6, 1);
        builder.Property(i => i.MaxScore).HasPrecision(6, 1);
        // Two inspectors recording the same planned inspection at once: the second save fails instead of overwriting.
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Ignore(i => i.Percentage);
        builder.HasMany(i => i.Scores).WithOne().HasForeignKey(s => s.InspectionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Scores).HasField("_scores");
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(i => i.CityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InspectionScoreConfiguration : IEntityTypeConfiguration<InspectionScore>
{
    public void Configure(EntityTypeBuilder<InspectionScore> builder)
    {
        builder.Property(s => s.Category).HasMaxLength(20);
        builder.Property(s => s.Text).HasMaxLength(200);
        builder.Property(s => s.MaxScore).HasPrecision(5, 1);
        builder.Property(s => s.Score).HasPrecision(5, 1);
        builder.HasOne<ChecklistItem>().WithMany().HasForeignKey(s => s.ChecklistItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RectificationItemConfiguration : IEntityTypeConfiguration<RectificationItem>
{
    public void Configure(EntityTypeBuilder<RectificationItem> builder)
    {
        builder.HasIndex(r => new { r.UnitId, r.Status });
        builder.HasIndex(r => new { r.Status, r.Deadline });
        builder.Property(r => r.Requirement).HasMaxLength(1000);
        builder.Property(r => r.Answer).HasMaxLength(2000);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasMany(r => r.History).WithOne().HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.History).HasField("_history");
        builder.HasOne<Inspection>().WithMany().HasForeignKey(r => r.InspectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RectificationStepConfiguration : IEntityTypeConfiguration<RectificationStep>
{
    public void Configure(EntityTypeBuilder<RectificationStep> builder)
    {
        builder.Property(s => s.By).HasMaxLength(256);
        builder.Property(s => s.Text).HasMaxLength(2000);
    }
}
