using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Urging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles");

            migrationBuilder.AddColumn<int>(
                name: "UrgingId",
                table: "EvidenceFiles",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Urgings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    IssuerUnitId = table.Column<int>(type: "int", nullable: false),
                    IssuedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TargetUnitId = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<int>(type: "int", nullable: false),
                    ReferenceId = table.Column<int>(type: "int", nullable: false),
                    SubjectLabel = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Requirement = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    Explanation = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Plan = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    OverdueRound = table.Column<int>(type: "int", nullable: false),
                    WasOverdue = table.Column<bool>(type: "bit", nullable: false),
                    EscalatedToUnitId = table.Column<int>(type: "int", nullable: true),
                    EscalatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Urgings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Urgings_OrgUnits_EscalatedToUnitId",
                        column: x => x.EscalatedToUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Urgings_OrgUnits_IssuerUnitId",
                        column: x => x.IssuerUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Urgings_OrgUnits_TargetUnitId",
                        column: x => x.TargetUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UrgingSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UrgingId = table.Column<int>(type: "int", nullable: false),
                    Action = table.Column<int>(type: "int", nullable: false),
                    By = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 4100, nullable: true),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UrgingSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UrgingSteps_Urgings_UrgingId",
                        column: x => x.UrgingId,
                        principalTable: "Urgings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_UrgingId",
                table: "EvidenceFiles",
                column: "UrgingId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles",
                sql: "(CASE WHEN FilingId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN ApplicationId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN RemediationItemId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN RectificationItemId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN UrgingId IS NULL THEN 0 ELSE 1 END) = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Urgings_EscalatedToUnitId",
                table: "Urgings",
                column: "EscalatedToUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Urgings_IssuedAtUtc",
                table: "Urgings",
                column: "IssuedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Urgings_IssuerUnitId_Status",
                table: "Urgings",
                columns: new[] { "IssuerUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Urgings_Status_Deadline",
                table: "Urgings",
                columns: new[] { "Status", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_Urgings_TargetUnitId_Status",
                table: "Urgings",
                columns: new[] { "TargetUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_UrgingSteps_UrgingId",
                table: "UrgingSteps",
                column: "UrgingId");

            migrationBuilder.AddForeignKey(
                name: "FK_EvidenceFiles_Urgings_UrgingId",
                table: "EvidenceFiles",
                column: "UrgingId",
                principalTable: "Urgings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EvidenceFiles_Urgings_UrgingId",
                table: "EvidenceFiles");

            migrationBuilder.DropTable(
                name: "UrgingSteps");

            migrationBuilder.DropTable(
                name: "Urgings");

            migrationBuilder.DropIndex(
                name: "IX_EvidenceFiles_UrgingId",
                table: "EvidenceFiles");

            migrationBuilder.DropCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles");

            migrationBuilder.DropColumn(
                name: "UrgingId",
                table: "EvidenceFiles");

            migrationBuilder.AddCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles",
                sql: "(CASE WHEN FilingId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN ApplicationId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN RemediationItemId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN RectificationItemId IS NULL THEN 0 ELSE 1 END) = 1");
        }
    }
}
