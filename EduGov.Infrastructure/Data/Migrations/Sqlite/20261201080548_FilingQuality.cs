using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FilingQuality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "Q_JumpFactor",
                table: "ReportingPeriods",
                type: "TEXT",
                precision: 9,
                scale: 2,
                nullable: false,
                defaultValue: 3m);

            migrationBuilder.AddColumn<decimal>(
                name: "Q_JumpFloor",
                table: "ReportingPeriods",
                type: "TEXT",
                precision: 9,
                scale: 2,
                nullable: false,
                defaultValue: 10m);

            migrationBuilder.AddColumn<int>(
                name: "Q_MinimumPeers",
                table: "ReportingPeriods",
                type: "INTEGER",
                nullable: false,
                defaultValue: 8);

            migrationBuilder.AddColumn<decimal>(
                name: "Q_PeerScore",
                table: "ReportingPeriods",
                type: "TEXT",
                precision: 9,
                scale: 2,
                nullable: false,
                defaultValue: 3.5m);

            migrationBuilder.AddColumn<string>(
                name: "Flags",
                table: "Filings",
                type: "TEXT",
                nullable: false,
                defaultValueSql: "'[]'");

            migrationBuilder.AddColumn<string>(
                name: "PreviousSubmission",
                table: "Filings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnedFields",
                table: "Filings",
                type: "TEXT",
                nullable: false,
                defaultValueSql: "'[]'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Q_JumpFactor",
                table: "ReportingPeriods");

            migrationBuilder.DropColumn(
                name: "Q_JumpFloor",
                table: "ReportingPeriods");

            migrationBuilder.DropColumn(
                name: "Q_MinimumPeers",
                table: "ReportingPeriods");

            migrationBuilder.DropColumn(
                name: "Q_PeerScore",
                table: "ReportingPeriods");

            migrationBuilder.DropColumn(
                name: "Flags",
                table: "Filings");

            migrationBuilder.DropColumn(
                name: "PreviousSubmission",
                table: "Filings");

            migrationBuilder.DropColumn(
                name: "ReturnedFields",
                table: "Filings");
        }
    }
}
