using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SurveillanceAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SurveillanceAccess",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchoolId = table.Column<int>(type: "INTEGER", nullable: false),
                    Canteen = table.Column<bool>(type: "INTEGER", nullable: false),
                    Gate = table.Column<bool>(type: "INTEGER", nullable: false),
                    Playground = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExamRooms = table.Column<bool>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveillanceAccess", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveillanceAccess_OrgUnits_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveillanceAccess_SchoolId",
                table: "SurveillanceAccess",
                column: "SchoolId",
                unique: true);

            // 巴中's 视频监控接入率 now reads the register together with the filings (see the seed plan's note).
            migrationBuilder.Sql("UPDATE \"Indicators\" SET \"MetricKey\" = 'security.surveillance_rate' WHERE \"MetricKey\" = 'filing.surveillance_rate';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"Indicators\" SET \"MetricKey\" = 'filing.surveillance_rate' WHERE \"MetricKey\" = 'security.surveillance_rate';");
            migrationBuilder.DropTable(
                name: "SurveillanceAccess");
        }
    }
}
