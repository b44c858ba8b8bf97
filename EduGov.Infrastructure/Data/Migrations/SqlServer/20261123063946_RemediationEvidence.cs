using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RemediationEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles");

            migrationBuilder.AddColumn<int>(
                name: "RemediationItemId",
                table: "EvidenceFiles",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_RemediationItemId",
                table: "EvidenceFiles",
                column: "RemediationItemId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles",
                sql: "(CASE WHEN FilingId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN ApplicationId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN RemediationItemId IS NULL THEN 0 ELSE 1 END) = 1");

            migrationBuilder.AddForeignKey(
                name: "FK_EvidenceFiles_RemediationItems_RemediationItemId",
                table: "EvidenceFiles",
                column: "RemediationItemId",
                principalTable: "RemediationItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EvidenceFiles_RemediationItems_RemediationItemId",
                table: "EvidenceFiles");

            migrationBuilder.DropIndex(
                name: "IX_EvidenceFiles_RemediationItemId",
                table: "EvidenceFiles");

            migrationBuilder.DropCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles");

            migrationBuilder.DropColumn(
                name: "RemediationItemId",
                table: "EvidenceFiles");

            migrationBuilder.AddCheckConstraint(
                name: "CK_EvidenceFiles_OneOwner",
                table: "EvidenceFiles",
                sql: "(FilingId IS NOT NULL AND ApplicationId IS NULL) OR (FilingId IS NULL AND ApplicationId IS NOT NULL)");
        }
    }
}
