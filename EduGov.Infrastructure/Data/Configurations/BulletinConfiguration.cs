using EduGov.Domain.Bulletins;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class BulletinConfiguration : IEntityTypeConfiguration<Bulletin>
{
    public void Configure(EntityTypeBuilder<Bulletin> builder)
    {
        // One bulletin per reporting period; numbers run per city and year without a gap or a repeat.
        builder.HasIndex(b => b.PeriodId).IsUnique();
        builder.HasIndex(b => new { b.CityId, b.NumberYear, b.Sequence }).IsUnique();
        builder.Property(b => b.Number).HasMaxLength(40);
        builder.Property(b => b.Title).HasMaxLength(200);
        builder.Ignore(b => b.LatestVersion);
        builder.HasMany(b => b.Issues).WithOne().HasForeignKey(i => i.BulletinId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Issues).HasField("_issues");
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(b => b.CityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(b => b.PeriodId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BulletinIssueConfiguration : IEntityTypeConfiguration<BulletinIssue>
{
    public void Configure(EntityTypeBuilder<BulletinIssue> builder)
    {
        builder.HasIndex(i => new { i.BulletinId, i.Version }).IsUnique();
        builder.HasIndex(i => i.DocumentId).IsUnique();
        builder.HasOne(i => i.Document).WithMany().HasForeignKey(i => i.DocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Mentions).WithOne().HasForeignKey(m => m.IssueId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Mentions).HasField("_mentions");
    }
}

public sealed class BulletinMentionConfiguration : IEntityTypeConfiguration<BulletinMention>
{
    public void Configure(EntityTypeBuilder<BulletinMention> builder)
    {
        builder.HasIndex(m => new { m.IssueId, m.UnitId }).IsUnique();
        builder.HasIndex(m => m.UnitId);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
