using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The entries move to a new table whose ids the chain gives (no AUTOINCREMENT), made here step by step so that
            // the new guards come last. They arrive unsealed; the first start scrubs and seals them (AuditTrail.SealEarlierEntriesAsync).
            migrationBuilder.Sql("DROP TRIGGER AuditEntries_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER AuditEntries_KeepSixMonths;");
            migrationBuilder.DropIndex(name: "IX_AuditEntries_AtUtc", table: "AuditEntries");
            migrationBuilder.RenameTable(name: "AuditEntries", newName: "AuditEntriesBeforeChain");

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActorUnit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Entity = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Details = table.Column<string>(type: "TEXT", nullable: true),
                    PrevHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });
            migrationBuilder.Sql("""
                INSERT INTO AuditEntries (Id, AtUtc, Actor, Action, Entity, EntityId, Details)
                SELECT Id, AtUtc, Actor, Action, Entity, EntityId, Details FROM AuditEntriesBeforeChain;
                """);
            migrationBuilder.DropTable(name: "AuditEntriesBeforeChain");

            migrationBuilder.CreateTable(
                name: "AuditChainHead",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainHead", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "AuditChainHead",
                columns: new[] { "Id", "LastEntryId", "LastHash" },
                values: new object[] { 1, 0L, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } });

            migrationBuilder.CreateIndex(name: "IX_AuditEntries_AtUtc", table: "AuditEntries", column: "AtUtc");
            migrationBuilder.CreateIndex(name: "IX_AuditEntries_Actor_Id", table: "AuditEntries", columns: new[] { "Actor", "Id" });
            migrationBuilder.CreateIndex(name: "IX_AuditEntries_ActorUnit_Id", table: "AuditEntries", columns: new[] { "ActorUnit", "Id" });
            migrationBuilder.CreateIndex(name: "IX_AuditEntries_Entity_Id", table: "AuditEntries", columns: new[] { "Entity", "Id" });

            foreach (var trigger in AuditTriggers.Sqlite) migrationBuilder.Sql(trigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in AuditTriggers.Names) migrationBuilder.Sql($"DROP TRIGGER {name};");
            migrationBuilder.DropTable(
                name: "AuditChainHead");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Actor_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActorUnit_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Entity_Id",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ActorUnit",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "PrevHash",
                table: "AuditEntries");

            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER")
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.Sql("""
                CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries
                BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END;
                """);
        }
    }
}
