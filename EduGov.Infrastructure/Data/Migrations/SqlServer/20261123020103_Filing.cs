using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Filing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportingPeriods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CityId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    OpensOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportingPeriods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportingPeriods_OrgUnits_CityId",
                        column: x => x.CityId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Filings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PeriodId = table.Column<int>(type: "int", nullable: false),
                    SchoolId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    S_DownlinkMbps = table.Column<int>(type: "int", nullable: true),
                    S_UplinkMbps = table.Column<int>(type: "int", nullable: true),
                    S_HasFibre = table.Column<bool>(type: "bit", nullable: true),
                    S_HasIpv6 = table.Column<bool>(type: "bit", nullable: true),
                    S_Wireless = table.Column<int>(type: "int", nullable: true),
                    S_Classrooms = table.Column<int>(type: "int", nullable: true),
                    S_MultimediaClassrooms = table.Column<int>(type: "int", nullable: true),
                    S_InteractiveClassrooms = table.Column<int>(type: "int", nullable: true),
                    S_StudentTerminals = table.Column<int>(type: "int", nullable: true),
                    S_TeacherTerminals = table.Column<int>(type: "int", nullable: true),
                    S_SmartClassrooms = table.Column<int>(type: "int", nullable: true),
                    S_MakerSpaces = table.Column<int>(type: "int", nullable: true),
                    S_Teachers = table.Column<int>(type: "int", nullable: true),
                    S_TeachersWithSpace = table.Column<int>(type: "int", nullable: true),
                    S_StudentsGrade3Up = table.Column<int>(type: "int", nullable: true),
                    S_StudentsWithSpace = table.Column<int>(type: "int", nullable: true),
                    S_UsesSpecialDelivery = table.Column<bool>(type: "bit", nullable: true),
                    S_UsesFamousTeacher = table.Column<bool>(type: "bit", nullable: true),
                    S_UsesFamousSchool = table.Column<bool>(type: "bit", nullable: true),
                    S_ProgrammingHours = table.Column<int>(type: "int", nullable: true),
                    S_SurveillancePoints = table.Column<int>(type: "int", nullable: true),
                    S_SurveillancePointsConnected = table.Column<int>(type: "int", nullable: true),
                    S_CanteenConnected = table.Column<bool>(type: "bit", nullable: true),
                    S_GateConnected = table.Column<bool>(type: "bit", nullable: true),
                    S_PlaygroundConnected = table.Column<bool>(type: "bit", nullable: true),
                    S_HasCampusSystem = table.Column<bool>(type: "bit", nullable: true),
                    S_Narrative = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ReturnComment = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    C_Schools = table.Column<int>(type: "int", nullable: true),
                    C_SchoolsConnected = table.Column<int>(type: "int", nullable: true),
                    C_SchoolsWithFibre = table.Column<int>(type: "int", nullable: true),
                    C_SchoolsWithWireless = table.Column<int>(type: "int", nullable: true),
                    C_SchoolsWithCampusSystem = table.Column<int>(type: "int", nullable: true),
                    C_Classrooms = table.Column<int>(type: "int", nullable: true),
                    C_MultimediaClassrooms = table.Column<int>(type: "int", nullable: true),
                    C_InteractiveClassrooms = table.Column<int>(type: "int", nullable: true),
                    C_Classes = table.Column<int>(type: "int", nullable: true),
                    C_ClassesWithMultimedia = table.Column<int>(type: "int", nullable: true),
                    C_TeachingPoints = table.Column<int>(type: "int", nullable: true),
                    C_TeachingPointsWithMultimedia = table.Column<int>(type: "int", nullable: true),
                    C_TeachingPointsWithSpecialDelivery = table.Column<int>(type: "int", nullable: true),
                    C_K12Students = table.Column<int>(type: "int", nullable: true),
                    C_K12StudentTerminals = table.Column<int>(type: "int", nullable: true),
                    C_K12Schools = table.Column<int>(type: "int", nullable: true),
                    C_K12SchoolsTeachingProgramming = table.Column<int>(type: "int", nullable: true),
                    C_Teachers = table.Column<int>(type: "int", nullable: true),
                    C_TeachersWithSpace = table.Column<int>(type: "int", nullable: true),
                    C_StudentsGrade3Up = table.Column<int>(type: "int", nullable: true),
                    C_StudentsWithSpace = table.Column<int>(type: "int", nullable: true),
                    C_KeyAreas = table.Column<int>(type: "int", nullable: true),
                    C_KeyAreasConnected = table.Column<int>(type: "int", nullable: true),
                    C_MinDownlinkMbps = table.Column<int>(type: "int", nullable: true),
                    C_MinUplinkMbps = table.Column<int>(type: "int", nullable: true),
                    C_MinProgrammingHours = table.Column<int>(type: "int", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Filings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Filings_OrgUnits_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Filings_ReportingPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "ReportingPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FilingId = table.Column<int>(type: "int", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    StoredName = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    UploadedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_Filings_FilingId",
                        column: x => x.FilingId,
                        principalTable: "Filings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FilingEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FilingId = table.Column<int>(type: "int", nullable: false),
                    Action = table.Column<int>(type: "int", nullable: false),
                    By = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Changes = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FilingEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FilingEvents_Filings_FilingId",
                        column: x => x.FilingId,
                        principalTable: "Filings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_FilingId",
                table: "EvidenceFiles",
                column: "FilingId");

            migrationBuilder.CreateIndex(
                name: "IX_FilingEvents_FilingId",
                table: "FilingEvents",
                column: "FilingId");

            migrationBuilder.CreateIndex(
                name: "IX_Filings_PeriodId_SchoolId",
                table: "Filings",
                columns: new[] { "PeriodId", "SchoolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Filings_PeriodId_Status",
                table: "Filings",
                columns: new[] { "PeriodId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Filings_SchoolId",
                table: "Filings",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportingPeriods_CityId_Year",
                table: "ReportingPeriods",
                columns: new[] { "CityId", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvidenceFiles");

            migrationBuilder.DropTable(
                name: "FilingEvents");

            migrationBuilder.DropTable(
                name: "Filings");

            migrationBuilder.DropTable(
                name: "ReportingPeriods");
        }
    }
}
