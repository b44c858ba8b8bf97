using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduGov.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQL Server cannot take IDENTITY off a column: the entries move to a new table whose ids the chain gives.
            // They arrive unsealed; the first start scrubs and seals them (AuditTrail.SealEarlierEntriesAsync).
            migrationBuilder.Sql("DROP TRIGGER [AuditEntries_NoUpdate];");
            migrationBuilder.Sql("DROP TRIGGER [AuditEntries_KeepSixMonths];");
            migrationBuilder.DropIndex(name: "IX_AuditEntries_AtUtc", table: "AuditEntries");
            migrationBuilder.DropPrimaryKey(name: "PK_AuditEntries", table: "AuditEntries");
            migrationBuilder.RenameTable(name: "AuditEntries", newName: "AuditEntriesBeforeChain");

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Actor = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ActorUnit = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Action = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Entity = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    EntityId = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: true),
                    Details = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PrevHash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: true),
                    Hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });
            migrationBuilder.Sql("""
                INSERT INTO [AuditEntries] ([Id], [AtUtc], [Actor], [Action], [Entity], [EntityId], [Details])
                SELECT [Id], [AtUtc], [Actor], [Action], [Entity], [EntityId], [Details] FROM [AuditEntriesBeforeChain];
                """);
            migrationBuilder.DropTable(name: "AuditEntriesBeforeChain");

            migrationBuilder.CreateTable(
                name: "AuditChainHead",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    LastEntryId = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false)
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

            foreach (var trigger in AuditTriggers.SqlServer) migrationBuilder.Sql(trigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in AuditTriggers.Names) migrationBuilder.Sql($"DROP TRIGGER [{name}];");
            migrationBuilder.DropTable(name: "AuditChainHead");
            migrationBuilder.DropIndex(name: "IX_AuditEntries_Actor_Id", table: "AuditEntries");
            migrationBuilder.DropIndex(name: "IX_AuditEntries_ActorUnit_Id", table: "AuditEntries");
            migrationBuilder.DropIndex(name: "IX_AuditEntries_Entity_Id", table: "AuditEntries");
            migrationBuilder.DropColumn(name: "ActorUnit", table: "AuditEntries");
            migrationBuilder.DropColumn(name: "Hash", table: "AuditEntries");
            migrationBuilder.DropColumn(name: "PrevHash", table: "AuditEntries");
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [AuditEntries_NoUpdate] ON [AuditEntries] INSTEAD OF UPDATE AS
                BEGIN THROW 50001, N''audit entries cannot be changed'', 1; END');
                """);
        }
    }
}
