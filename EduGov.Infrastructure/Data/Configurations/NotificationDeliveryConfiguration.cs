using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> builder)
    {
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(d => d.Subject).HasMaxLength(200);
        builder.Property(d => d.Recipient).HasMaxLength(256);
        builder.Property(d => d.RecipientNames).HasMaxLength(200);
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.Body).HasMaxLength(1000);
        builder.Property(d => d.Link).HasMaxLength(300);
        builder.Property(d => d.LastError).HasMaxLength(NotificationDelivery.MaxError);
        // One post per event and group, one e-mail per event and address, however the event's notifications were saved.
        builder.HasIndex(d => new { d.Subject, d.ChannelId, d.Recipient }).IsUnique();   // subject first: the outbox looks deliveries up by subject
        builder.HasIndex(d => new { d.Status, d.NextAttemptAtUtc });
        builder.HasIndex(d => d.CreatedAtUtc);
        builder.HasOne<NotificationChannel>().WithMany().HasForeignKey(d => d.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}
