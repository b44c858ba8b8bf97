using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(60);
        // Protected values are longer than what was typed: room for the Data Protection envelope.
        builder.Property(c => c.WebhookUrl).HasMaxLength(2000);
        builder.Property(c => c.WebhookSecret).HasMaxLength(1000);
        builder.Property(c => c.SmtpPassword).HasMaxLength(1000);
        builder.Property(c => c.SmtpHost).HasMaxLength(200);
        builder.Property(c => c.SmtpUserName).HasMaxLength(200);
        builder.Property(c => c.FromAddress).HasMaxLength(256);
        builder.Property(c => c.FromName).HasMaxLength(60);
        builder.Property(c => c.SecretHint).HasMaxLength(20);
        builder.Property(c => c.UpdatedBy).HasMaxLength(256);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.OrgUnitId);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
