using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Inspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles");

            migrationBuilder.AddColumn<int>(
                name: "RectificationItemId",
                table: "EvidenceFiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChecklistItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MaxScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistItems_OrgUnits_CityId",
                        column: x => x.CityId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Inspections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CityId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlannedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    InspectedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Inspectors = table.Column<string>(type: "TEXT", nullable: false),
                    IndicatorIds = table.Column<string>(type: "TEXT", nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    TotalScore = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: false),
                    MaxScore = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Inspections_OrgUnits_CityId",
                        column: x => x.CityId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Inspections_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionScore",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChecklistItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MaxScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionScore", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionScore_ChecklistItems_ChecklistItemId",
                        column: x => x.ChecklistItemId,
                        principalTable: "ChecklistItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionScore_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RectificationItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InspectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Requirement = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectificationItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectificationItems_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RectificationItems_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RectificationStep",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectificationStep", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectificationStep_RectificationItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "RectificationItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_RectificationItemId",
                table: "EvidenceFiles",
                column: "RectificationItemId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles",
                sql: "(CASE WHEN FilingId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN ApplicationId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN RemediationItemId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN RectificationItemId IS NULL THEN 0 ELSE 1 END) = 1");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistItems_CityId_SortOrder",
                table: "ChecklistItems",
                columns: new[] { "CityId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_CityId_Status",
                table: "Inspections",
                columns: new[] { "CityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Inspections_UnitId_PlannedOn",
                table: "Inspections",
                columns: new[] { "UnitId", "PlannedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionScore_ChecklistItemId",
                table: "InspectionScore",
                column: "ChecklistItemId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionScore_InspectionId",
                table: "InspectionScore",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_RectificationItems_InspectionId",
                table: "RectificationItems",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_RectificationItems_Status_Deadline",
                table: "RectificationItems",
                columns: new[] { "Status", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_RectificationItems_UnitId_Status",
                table: "RectificationItems",
                columns: new[] { "UnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RectificationStep_ItemId",
                table: "RectificationStep",
                column: "ItemId");

            migrationBuilder.AddForeignKey(
                name: "FK_EvidenceFiles_RectificationItems_RectificationItemId",
                table: "EvidenceFiles",
                column: "RectificationItemId",
                principalTable: "RectificationItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EvidenceFiles_RectificationItems_RectificationItemId",
                table: "EvidenceFiles");

            migrationBuilder.DropTable(
                name: "InspectionScore");

            migrationBuilder.DropTable(
                name: "RectificationStep");

            migrationBuilder.DropTable(
                name: "ChecklistItems");

            migrationBuilder.DropTable(
                name: "RectificationItems");

            migrationBuilder.DropTable(
                name: "Inspections");

            migrationBuilder.DropIndex(
                name: "IX_EvidenceFiles_RectificationItemId",
                table: "EvidenceFiles");

            migrationBuilder.DropCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles");

            migrationBuilder.DropColumn(
                name: "RectificationItemId",
                table: "EvidenceFiles");

            migrationBuilder.AddCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles",
                sql: "(CASE WHEN FilingId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN ApplicationId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN RemediationItemId IS NULL THEN 0 ELSE 1 END) = 1");
        }
    }
}
