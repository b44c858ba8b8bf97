using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(50);
        builder.HasIndex(p => new { p.CityId, p.Year });
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.CityId).OnDelete(DeleteBehavior.Restrict);
        // Rows made before the thresholds existed take the defaults (set in the migration).
        builder.ComplexProperty(p => p.Quality, quality =>
        {
            quality.Property(q => q.JumpFactor).HasColumnName("Q_JumpFactor").HasPrecision(9, 2);
            quality.Property(q => q.JumpFloor).HasColumnName("Q_JumpFloor").HasPrecision(9, 2);
            quality.Property(q => q.PeerScore).HasColumnName("Q_PeerScore").HasPrecision(9, 2);
            quality.Property(q => q.MinimumPeers).HasColumnName("Q_MinimumPeers");
        });
    }
}

public sealed class SchoolFilingConfiguration : IEntityTypeConfiguration<SchoolFiling>
{
    public void Configure(EntityTypeBuilder<SchoolFiling> builder)
    {
        builder.HasIndex(f => new { f.PeriodId, f.SchoolId }).IsUnique();
        builder.HasIndex(f => new { f.PeriodId, f.Status });
        // Each school's latest approved filing (the security pages' surveillance state) without reading a city's years of filings.
        builder.HasIndex(f => new { f.SchoolId, f.Status, f.UpdatedAtUtc });
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(f => f.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(f => f.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(f => f.ReturnComment).HasMaxLength(500);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.Ignore(f => f.IsEditable);
        // The survey's figures are columns of the filing row ("S_Classrooms"), so sums run in the database.
        builder.OwnsOne(f => f.Survey, survey =>
        {
            foreach (var property in typeof(SchoolSurvey).GetProperties())
                survey.Property(property.Name).HasColumnName($"S_{property.Name}");
            survey.Property(s => s.Narrative).HasMaxLength(SurveyRules.MaxNarrative);
        });
        builder.Navigation(f => f.Survey).IsRequired();
        builder.OwnsOne(f => f.Contribution, totals =>
        {
            foreach (var property in typeof(CoverageTotals).GetProperties())
                totals.Property(property.Name).HasColumnName($"C_{property.Name}");
        });
        builder.Property(f => f.Flags).HasJsonList();
        builder.Property(f => f.ReturnedFields).HasJsonList();
        builder.Property(f => f.PreviousSubmission).HasJson();
        builder.HasMany(f => f.History).WithOne().HasForeignKey(e => e.FilingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class FilingEventConfiguration : IEntityTypeConfiguration<FilingEvent>
{
    public void Configure(EntityTypeBuilder<FilingEvent> builder)
    {
        builder.Property(e => e.By).HasMaxLength(100);
        builder.Property(e => e.Comment).HasMaxLength(500);
    }
}

public sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.Property(e => e.FileName).HasMaxLength(200);
        builder.Property(e => e.StoredName).HasMaxLength(60);
        builder.Property(e => e.UploadedBy).HasMaxLength(100);
        builder.HasOne<SchoolFiling>().WithMany().HasForeignKey(e => e.FilingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Designations.Application>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Security.RemediationItem>().WithMany().HasForeignKey(e => e.RemediationItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Supervision.RectificationItem>().WithMany().HasForeignKey(e => e.RectificationItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Urging.UrgingCase>().WithMany().HasForeignKey(e => e.UrgingId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(e => e.Owner);
        // Exactly one owner. The names quoted, as every provider reads them: PostgreSQL folds unquoted ones to lower case.
        builder.ToTable(t => t.HasCheckConstraint("CK_EvidenceFiles_OneOwner",
            "(CASE WHEN \"FilingId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"ApplicationId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"RemediationItemId\" IS NULL THEN 0 ELSE 1 END)"
            + " + (CASE WHEN \"RectificationItemId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"UrgingId\" IS NULL THEN 0 ELSE 1 END) = 1"));
    }
}
