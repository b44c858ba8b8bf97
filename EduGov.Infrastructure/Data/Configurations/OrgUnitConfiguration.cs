using EduGov.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

public sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> builder)
    {
        builder.Property(u => u.Code).HasMaxLength(20);
        builder.HasIndex(u => u.Code).IsUnique();
        builder.Property(u => u.Name).HasMaxLength(100);
        builder.Property(u => u.Path).HasMaxLength(100);
        builder.HasIndex(u => u.Path);
        builder.HasIndex(u => new { u.ParentId, u.Name });
        builder.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsOne(u => u.School, school =>
        {
            school.Property(s => s.Type).HasColumnName("SchoolType");
            school.Property(s => s.IsRural).HasColumnName("IsRural");
            school.Property(s => s.Students).HasColumnName("Students");
            school.Property(s => s.Teachers).HasColumnName("Teachers");
            school.Property(s => s.Classes).HasColumnName("Classes");
            school.Property(s => s.Classrooms).HasColumnName("Classrooms");
        });
    }
}
