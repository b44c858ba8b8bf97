using EduGov.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.HasIndex(r => new { r.Job, r.StartedAtUtc });
        builder.HasIndex(r => r.FireId).IsUnique();
        builder.Property(r => r.Job).HasMaxLength(100);
        builder.Property(r => r.FireId).HasMaxLength(140);
        builder.Property(r => r.StartedBy).HasMaxLength(100);
        builder.Property(r => r.Summary).HasMaxLength(1000);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.Node).HasMaxLength(200);
    }
}
