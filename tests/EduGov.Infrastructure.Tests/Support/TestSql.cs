namespace EduGov.Infrastructure.Tests.Support;

/// <summary>
/// The few statements tests write by hand (to tamper with the audit trail, or to break a job), in the dialect of the
/// database they run on. Names are double-quoted, which SQLite and PostgreSQL both read as the name as written.
/// </summary>
public static class TestSql
{
    private static bool Pg => TestProvider.IsPostgreSql;

    /// <summary>The present UTC time, as the model's DateTime columns keep it.</summary>
    public static string Now => Pg ? "(clock_timestamp() AT TIME ZONE 'UTC')" : "strftime('%Y-%m-%d %H:%M:%f', 'now')";

    public static string DaysAgo(int days) =>
        Pg ? $"((clock_timestamp() AT TIME ZONE 'UTC') - interval '{days} days')" : $"strftime('%Y-%m-%d %H:%M:%f', 'now', '-{days} days')";

    /// <summary>A one-byte binary literal.</summary>
    public static string Byte => Pg ? "'\\x00'::bytea" : "X'00'";

    public static string DropTrigger(string trigger, string table) =>
        Pg ? $"DROP TRIGGER \"{trigger}\" ON \"{table}\"" : $"DROP TRIGGER \"{trigger}\"";

    public static string DropTable(string table) => Pg ? $"DROP TABLE \"{table}\" CASCADE" : $"DROP TABLE \"{table}\"";
}
