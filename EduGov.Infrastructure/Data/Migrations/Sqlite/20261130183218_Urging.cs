using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Urgings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IssuerUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TargetUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferenceId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectLabel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Requirement = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OverdueRound = table.Column<int>(type: "INTEGER", nullable: false),
                    WasOverdue = table.Column<bool>(type: "INTEGER", nullable: false),
                    EscalatedToUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    EscalatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UrgingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4100, nullable: true),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true)
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
