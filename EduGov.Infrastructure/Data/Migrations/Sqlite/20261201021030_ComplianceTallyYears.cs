using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ComplianceTallyYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ComplianceTallies_IndicatorId_SchoolId",
                table: "ComplianceTallies");

            // Counts kept before get year 0; the start-up recounts them per year (DataSeeder.RecountTalliesWithoutYearAsync).
            migrationBuilder.AddColumn<int>(
                name: "Year",
                table: "ComplianceTallies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceTallies_IndicatorId_SchoolId_Year",
                table: "ComplianceTallies",
                columns: new[] { "IndicatorId", "SchoolId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ComplianceTallies_IndicatorId_SchoolId_Year",
                table: "ComplianceTallies");

            migrationBuilder.DropColumn(
                name: "Year",
                table: "ComplianceTallies");

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceTallies_IndicatorId_SchoolId",
                table: "ComplianceTallies",
                columns: new[] { "IndicatorId", "SchoolId" },
                unique: true);
        }
    }
}
