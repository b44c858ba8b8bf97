using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class JobRunNode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Node",
                table: "JobRuns",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Node",
                table: "JobRuns");
        }
    }
}
