using EduGov.Domain.Audit;
using EduGov.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // The chain numbers its entries itself (one more than the head), so the database never picks an id.
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Actor).HasMaxLength(100);
        builder.Property(a => a.ActorUnit).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(30);
        builder.Property(a => a.Entity).HasMaxLength(60);
        // A composite key is written whole: an Identity token's is its user id, provider and name (over 70 characters).
        builder.Property(a => a.EntityId).HasMaxLength(200);
        builder.Property(a => a.PrevHash).HasMaxLength(32);
        builder.Property(a => a.Hash).HasMaxLength(32);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.Actor, a.Id });
        builder.HasIndex(a => new { a.ActorUnit, a.Id });
        builder.HasIndex(a => new { a.Entity, a.Id });
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("AuditChainHead");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.LastHash).HasMaxLength(32);
        builder.HasData(new { Id = 1, LastEntryId = 0L, LastHash = AuditChain.Genesis });
    }
}
