using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Bulletins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GeneratedDocuments_Kind_UnitId_Year_Version",
                table: "GeneratedDocuments");

            migrationBuilder.AddColumn<int>(
                name: "Series",
                table: "GeneratedDocuments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Bulletins",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CityId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    NumberYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bulletins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bulletins_OrgUnits_CityId",
                        column: x => x.CityId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Bulletins_ReportingPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "ReportingPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BulletinIssues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BulletinId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinIssues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulletinIssues_Bulletins_BulletinId",
                        column: x => x.BulletinId,
                        principalTable: "Bulletins",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BulletinIssues_GeneratedDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "GeneratedDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BulletinMentions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IssueId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reasons = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinMentions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulletinMentions_BulletinIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "BulletinIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BulletinMentions_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GeneratedDocuments_Kind_UnitId_Year_Series_Version",
                table: "GeneratedDocuments",
                columns: new[] { "Kind", "UnitId", "Year", "Series", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinIssues_BulletinId_Version",
                table: "BulletinIssues",
                columns: new[] { "BulletinId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinIssues_DocumentId",
                table: "BulletinIssues",
                column: "DocumentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinMentions_IssueId_UnitId",
                table: "BulletinMentions",
                columns: new[] { "IssueId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinMentions_UnitId",
                table: "BulletinMentions",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Bulletins_CityId_NumberYear_Sequence",
                table: "Bulletins",
                columns: new[] { "CityId", "NumberYear", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bulletins_PeriodId",
                table: "Bulletins",
                column: "PeriodId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulletinMentions");

            migrationBuilder.DropTable(
                name: "BulletinIssues");

            migrationBuilder.DropTable(
                name: "Bulletins");

            migrationBuilder.DropIndex(
                name: "IX_GeneratedDocuments_Kind_UnitId_Year_Series_Version",
                table: "GeneratedDocuments");

            migrationBuilder.DropColumn(
                name: "Series",
                table: "GeneratedDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_GeneratedDocuments_Kind_UnitId_Year_Version",
                table: "GeneratedDocuments",
                columns: new[] { "Kind", "UnitId", "Year", "Version" },
                unique: true);
        }
    }
}
