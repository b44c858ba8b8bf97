using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Tests.Support;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace EduGov.Infrastructure.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void SqliteMigrations_MatchTheModel_NoPendingChanges()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        db.Database.HasPendingModelChanges().ShouldBeFalse("run `dotnet ef migrations add` for SqliteDbContext");
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel_NoPendingChanges()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        db.Database.HasPendingModelChanges().ShouldBeFalse("run `dotnet ef migrations add` for SqlServerDbContext");
    }

    [Fact]
    public void PostgreSqlMigrations_MatchTheModel_NoPendingChanges()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        db.Database.HasPendingModelChanges().ShouldBeFalse("run `dotnet ef migrations add` for PostgreSqlDbContext");
    }

    [Fact]
    public void PostgreSqlMigrationScript_MakesQuartzTablesInLowerCase_AndTheAuditGuards()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript();

        // Quartz's SQL names its tables unquoted, which PostgreSQL folds to lower case.
        script.ShouldContain("CREATE TABLE qrtz_triggers (");
        script.ShouldNotContain("\"QRTZ_");
        script.ShouldContain("\"AtUtc\" timestamp without time zone NOT NULL");
        script.ShouldContain("CREATE TRIGGER \"AuditEntries_NoTruncate\" BEFORE TRUNCATE");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SqlServerMigrationScript_ParsesAsTSql_WithoutErrors(bool idempotent)
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var options = idempotent ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default;
        var script = db.GetService<IMigrator>().GenerateScript(options: options);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(script), out var errors);

        errors.Select(e => $"line {e.Line}: {e.Message}").ShouldBeEmpty();
        script.ShouldContain("CREATE TABLE [Plans]");
        script.ShouldContain("CREATE TRIGGER [AuditEntries_NoUpdate]");
        // Quartz's job store as its own SQL Server script makes it (the cron column is 120 there, 250 on SQLite).
        script.ShouldContain("[CRON_EXPRESSION] nvarchar(120) NOT NULL");
        script.ShouldContain("CREATE INDEX [IDX_QRTZ_T_NFT_ST] ON [QRTZ_TRIGGERS] ([SCHED_NAME], [TRIGGER_STATE], [NEXT_FIRE_TIME], [PRIORITY] DESC, [MISFIRE_INSTR])");
    }

    [Fact]
    public async Task AuditEntries_UpdateOrEarlyDelete_IsRefusedByTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(demo: false);
        await using var db = database.Open();

        var update = () => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Actor\" = 'mallory'");
        var delete = () => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"");

        (await Should.ThrowAsync<DbException>(update)).Message.ShouldContain("cannot be changed");
        (await Should.ThrowAsync<DbException>(delete)).Message.ShouldContain("six months");
        (await db.AuditEntries.CountAsync()).ShouldBeGreaterThan(0);
    }
}
