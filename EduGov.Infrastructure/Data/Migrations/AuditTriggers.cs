namespace EduGov.Infrastructure.Data.Migrations;

/// <summary>
/// The database's own guard of the audit trail, as the AuditChain migrations make it: entries are only appended, sealed
/// (with their hash) and stamped with the present time, so none can be backdated to fall out of the retention period;
/// an entry without a hash (one kept before the chain existed) may be sealed once, nothing else may change; none is
/// deleted within six months (网络安全法); the chain's head is never deleted or moved back. A later change of these
/// guards belongs in a new migration, not here.
/// </summary>
internal static class AuditTriggers
{
    public static readonly string[] Names =
        ["AuditEntries_AppendOnly", "AuditEntries_NoUpdate", "AuditEntries_KeepSixMonths", "AuditChainHead_Kept", "AuditChainHead_Forward"];

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
        WHEN OLD.Hash IS NOT NULL OR NEW.Hash IS NULL OR NEW.Id IS NOT OLD.Id OR NEW.AtUtc IS NOT OLD.AtUtc
          OR NEW.Actor IS NOT OLD.Actor OR NEW.ActorUnit IS NOT OLD.ActorUnit OR NEW.Action IS NOT OLD.Action
          OR NEW.Entity IS NOT OLD.Entity OR NEW.EntityId IS NOT OLD.EntityId
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
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM deleted WHERE [Hash] IS NOT NULL) OR EXISTS (SELECT 1 FROM inserted WHERE [Hash] IS NULL)
               OR (SELECT COUNT(*) FROM inserted i JOIN deleted d ON i.[Id] = d.[Id]) <> (SELECT COUNT(*) FROM deleted)
                THROW 50001, N''audit entries cannot be changed'', 1;
            UPDATE a SET a.[Details] = i.[Details], a.[PrevHash] = i.[PrevHash], a.[Hash] = i.[Hash]
            FROM [AuditEntries] a JOIN inserted i ON a.[Id] = i.[Id];
        END');
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
}
