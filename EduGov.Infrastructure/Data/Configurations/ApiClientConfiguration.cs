using EduGov.Domain.Exchange;
using EduGov.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(ApiClient.MaxName);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.SecretHash).HasMaxLength(64).IsUnicode(false);
        // Every call looks its client up by the hash of the token it presents.
        builder.HasIndex(c => c.SecretHash).IsUnique();
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Property(c => c.RevokedBy).HasMaxLength(256);
        builder.Ignore(c => c.Actor);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
