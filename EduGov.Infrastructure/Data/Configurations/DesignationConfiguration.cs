using System.Text.Json;
using EduGov.Domain.Designations;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(100);
        // The rubric is read and written whole with its programme: one JSON column.
        builder.Property(p => p.Criteria).HasConversion(
                criteria => JsonSerializer.Serialize(criteria, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<List<Criterion>>(json, JsonSerializerOptions.Web) ?? new List<Criterion>())
            .Metadata.SetValueComparer(new ValueComparer<List<Criterion>>((a, b) => a!.SequenceEqual(b!), c => c.Count, c => c.ToList()));
        builder.Ignore(p => p.Batch);
        builder.Ignore(p => p.TotalScore);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(p => p.IndicatorId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        // One application per unit and batch: a second one from another tab or a replayed request fails here too.
        builder.HasIndex(a => new { a.ProgrammeId, a.Batch, a.UnitId }).IsUnique();
        builder.Ignore(a => a.MeanScore);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.History).HasField("_history");
        builder.HasMany(a => a.Reviews).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Reviews).HasField("_reviews");
        builder.HasOne<Programme>().WithMany().HasForeignKey(a => a.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> builder)
    {
        builder.Property(e => e.By).HasMaxLength(256);
        builder.Property(e => e.Comment).HasMaxLength(500);
    }
}

public sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.HasIndex(r => new { r.ApplicationId, r.Reviewer }).IsUnique();
        builder.Property(r => r.Reviewer).HasMaxLength(256);
        builder.Property(r => r.Comment).HasMaxLength(1000);
        builder.Ignore(r => r.Total);
    }
}

public sealed class DesignationConfiguration : IEntityTypeConfiguration<Designation>
{
    public void Configure(EntityTypeBuilder<Designation> builder)
    {
        // One designation per application: two commission tabs designating at once cannot make two.
        builder.HasIndex(d => d.ApplicationId).IsUnique();
        builder.HasIndex(d => new { d.ProgrammeId, d.UnitId });
        builder.Property(d => d.DocumentNumber).HasMaxLength(60);
        builder.HasMany(d => d.Reports).WithOne().HasForeignKey(r => r.DesignationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Reports).HasField("_reports");
        builder.HasOne<Programme>().WithMany().HasForeignKey(d => d.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Application>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AnnualReportConfiguration : IEntityTypeConfiguration<AnnualReport>
{
    public void Configure(EntityTypeBuilder<AnnualReport> builder)
    {
        builder.HasIndex(r => new { r.DesignationId, r.Year }).IsUnique();
        builder.Property(r => r.FiledBy).HasMaxLength(256);
        builder.Property(r => r.DecidedBy).HasMaxLength(256);
        builder.Property(r => r.Reason).HasMaxLength(500);
    }
}
