namespace EduGov.Infrastructure.Data.Migrations;

/// <summary>
/// The database's own guard of the audit trail, made by each provider's Initial migration: entries are only appended,
/// sealed (with their hash) and stamped with the present time, so none can be backdated to fall out of the retention
/// period; none changes; none is deleted within six months (网络安全法); the chain's head is never deleted or moved back.
/// A later change of these guards belongs in a new migration, not here.
/// </summary>
internal static class AuditTriggers
{
    public static readonly string[] Sqlite =
    [
        // INSERT OR REPLACE deletes the row it replaces without firing a delete trigger: the check on the id refuses it first.
        """
        CREATE TRIGGER AuditEntries_AppendOnly BEFORE INSERT ON AuditEntries
        WHEN NEW.Hash IS NULL OR NEW.PrevHash IS NULL
          OR EXISTS (SELECT 1 FROM AuditEntries WHERE Id = NEW.Id)
          OR NEW.AtUtc < strftime('%Y-%m-%d %H:%M:%f', 'now', '-10 minutes')
          OR NEW.AtUtc > strftime('%Y-%m-%d %H:%M:%f', 'now', '+10 minutes')
        BEGIN SELECT RAISE(ABORT, 'audit entries are only appended, sealed, at the present time'); END;
        """,
        """
        CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries
        BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END;
        """,
        """
        CREATE TRIGGER AuditEntries_KeepSixMonths BEFORE DELETE ON AuditEntries
        WHEN OLD.AtUtc > strftime('%Y-%m-%d %H:%M:%f', 'now', '-183 days')
        BEGIN SELECT RAISE(ABORT, 'audit entries are kept at least six months'); END;
        """,
        """
        CREATE TRIGGER AuditChainHead_Kept BEFORE DELETE ON AuditChainHead
        BEGIN SELECT RAISE(ABORT, 'the audit chain head is kept'); END;
        """,
        """
        CREATE TRIGGER AuditChainHead_Forward BEFORE UPDATE ON AuditChainHead
        WHEN NEW.LastEntryId < OLD.LastEntryId OR NEW.Id IS NOT OLD.Id
        BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves forward'); END;
        """,
    ];

    // EXEC keeps CREATE TRIGGER first in its batch, also inside an idempotent script.
    public static readonly string[] SqlServer =
    [
        """
        EXEC(N'CREATE TRIGGER [AuditEntries_AppendOnly] ON [AuditEntries] AFTER INSERT AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM inserted WHERE [Hash] IS NULL OR [PrevHash] IS NULL
                       OR [AtUtc] < DATEADD(minute, -10, SYSUTCDATETIME()) OR [AtUtc] > DATEADD(minute, 10, SYSUTCDATETIME()))
                THROW 50003, N''audit entries are only appended, sealed, at the present time'', 1;
        END');
        """,
        """
        EXEC(N'CREATE TRIGGER [AuditEntries_NoUpdate] ON [AuditEntries] INSTEAD OF UPDATE AS
        BEGIN THROW 50001, N''audit entries cannot be changed'', 1; END');
        """,
        """
        EXEC(N'CREATE TRIGGER [AuditEntries_KeepSixMonths] ON [AuditEntries] INSTEAD OF DELETE AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM deleted WHERE [AtUtc] > DATEADD(day, -183, SYSUTCDATETIME()))
                THROW 50002, N''audit entries are kept at least six months'', 1;
            DELETE a FROM [AuditEntries] a JOIN deleted d ON a.[Id] = d.[Id];
        END');
        """,
        """
        EXEC(N'CREATE TRIGGER [AuditChainHead_Kept] ON [AuditChainHead] INSTEAD OF DELETE AS
        BEGIN THROW 50004, N''the audit chain head is kept'', 1; END');
        """,
        """
        EXEC(N'CREATE TRIGGER [AuditChainHead_Forward] ON [AuditChainHead] AFTER UPDATE AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON i.[Id] = d.[Id] WHERE i.[LastEntryId] < d.[LastEntryId])
               OR (SELECT COUNT(*) FROM inserted i JOIN deleted d ON i.[Id] = d.[Id]) <> (SELECT COUNT(*) FROM deleted)
                THROW 50005, N''the audit chain head only moves forward'', 1;
        END');
        """,
    ];

    // A trigger calls a function in PostgreSQL; clock_timestamp(), not now(), since now() is when the transaction began.
    // TRUNCATE skips row triggers, so it is refused on its own. The check on the id makes INSERT … ON CONFLICT DO UPDATE
    // fail as an insert, as SQLite's INSERT OR REPLACE does.
    public static readonly string[] PostgreSqlFunctions =
        ["AuditEntries_AppendOnly", "AuditEntries_NoUpdate", "AuditEntries_KeepSixMonths", "AuditChainHead_Kept", "AuditChainHead_Forward"];

    public static readonly string[] PostgreSql =
    [
        """
        CREATE FUNCTION "AuditEntries_AppendOnly"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW."Hash" IS NULL OR NEW."PrevHash" IS NULL
               OR EXISTS (SELECT 1 FROM "AuditEntries" WHERE "Id" = NEW."Id")
               OR NEW."AtUtc" < (clock_timestamp() AT TIME ZONE 'UTC') - interval '10 minutes'
               OR NEW."AtUtc" > (clock_timestamp() AT TIME ZONE 'UTC') + interval '10 minutes' THEN
                RAISE EXCEPTION 'audit entries are only appended, sealed, at the present time';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER "AuditEntries_AppendOnly" BEFORE INSERT ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION "AuditEntries_AppendOnly"();
        """,
        """
        CREATE FUNCTION "AuditEntries_NoUpdate"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit entries cannot be changed'; END $$;
        CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION "AuditEntries_NoUpdate"();
        """,
        """
        CREATE FUNCTION "AuditEntries_KeepSixMonths"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'TRUNCATE' OR OLD."AtUtc" > (clock_timestamp() AT TIME ZONE 'UTC') - interval '183 days' THEN
                RAISE EXCEPTION 'audit entries are kept at least six months';
            END IF;
            RETURN OLD;
        END $$;
        CREATE TRIGGER "AuditEntries_KeepSixMonths" BEFORE DELETE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION "AuditEntries_KeepSixMonths"();
        CREATE TRIGGER "AuditEntries_NoTruncate" BEFORE TRUNCATE ON "AuditEntries"
            FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntries_KeepSixMonths"();
        """,
        """
        CREATE FUNCTION "AuditChainHead_Kept"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit chain head is kept'; END $$;
        CREATE TRIGGER "AuditChainHead_Kept" BEFORE DELETE ON "AuditChainHead"
            FOR EACH ROW EXECUTE FUNCTION "AuditChainHead_Kept"();
        CREATE TRIGGER "AuditChainHead_NoTruncate" BEFORE TRUNCATE ON "AuditChainHead"
            FOR EACH STATEMENT EXECUTE FUNCTION "AuditChainHead_Kept"();
        """,
        """
        CREATE FUNCTION "AuditChainHead_Forward"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW."LastEntryId" < OLD."LastEntryId" OR NEW."Id" <> OLD."Id" THEN
                RAISE EXCEPTION 'the audit chain head only moves forward';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER "AuditChainHead_Forward" BEFORE UPDATE ON "AuditChainHead"
            FOR EACH ROW EXECUTE FUNCTION "AuditChainHead_Forward"();
        """,
    ];
}
