using Microsoft.EntityFrameworkCore.Migrations;

namespace EduGov.Infrastructure.Jobs;

/// <summary>
/// The tables of Quartz.NET 4.7's database job store (its 12 core tables and their indexes), made by our migrations as
/// Quartz's own create scripts for SQLite, SQL Server and PostgreSQL make them; Quartz checks them at start-up. Run
/// history is kept in our own JobRuns table, so Quartz's optional history tables are not made.
/// </summary>
public static class QuartzSchema
{
    public const string Prefix = "QRTZ_";

    private static readonly string[] Tables =
    [
        "SIMPLE_TRIGGERS", "CRON_TRIGGERS", "SIMPROP_TRIGGERS", "BLOB_TRIGGERS", "TRIGGERS", "JOB_DETAILS", "CALENDARS",
        "PAUSED_TRIGGER_GRPS", "PAUSED_JOB_GRPS", "FIRED_TRIGGERS", "SCHEDULER_STATE", "LOCKS",
    ];

    private static bool IsPostgreSql(MigrationBuilder mb) => mb.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static void Drop(MigrationBuilder mb)
    {
        foreach (var table in Tables)
            if (IsPostgreSql(mb)) mb.Sql($"DROP TABLE {Prefix}{table} CASCADE;");
            else mb.DropTable(Prefix + table);
    }

    public static void Create(MigrationBuilder mb)
    {
        if (IsPostgreSql(mb))
        {
            mb.Sql(PostgreSql);
            return;
        }
        const string p = Prefix;
        var ss = mb.ActiveProvider == "Microsoft.EntityFrameworkCore.SqlServer";
        var dec = ss ? "numeric(13,4)" : "NUMERIC";
        string[] jobKey = ["SCHED_NAME", "JOB_NAME", "JOB_GROUP"];
        string[] trgKey = ["SCHED_NAME", "TRIGGER_NAME", "TRIGGER_GROUP"];

        mb.CreateTable(p + "JOB_DETAILS", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            JOB_NAME = t.Column<string>(maxLength: 150, nullable: false),
            JOB_GROUP = t.Column<string>(maxLength: 150, nullable: false),
            DESCRIPTION = t.Column<string>(maxLength: 250, nullable: true),
            JOB_CLASS_NAME = t.Column<string>(maxLength: 250, nullable: false),
            IS_DURABLE = t.Column<bool>(nullable: false),
            IS_NONCONCURRENT = t.Column<bool>(nullable: false),
            IS_UPDATE_DATA = t.Column<bool>(nullable: false),
            REQUESTS_RECOVERY = t.Column<bool>(nullable: false),
            JOB_DATA = t.Column<byte[]>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_" + p + "JOB_DETAILS", x => new { x.SCHED_NAME, x.JOB_NAME, x.JOB_GROUP }));

        mb.CreateTable(p + "TRIGGERS", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            TRIGGER_NAME = t.Column<string>(maxLength: 150, nullable: false),
            TRIGGER_GROUP = t.Column<string>(maxLength: 150, nullable: false),
            JOB_NAME = t.Column<string>(maxLength: 150, nullable: false),
            JOB_GROUP = t.Column<string>(maxLength: 150, nullable: false),
            DESCRIPTION = t.Column<string>(maxLength: 250, nullable: true),
            NEXT_FIRE_TIME = t.Column<long>(nullable: true),
            PREV_FIRE_TIME = t.Column<long>(nullable: true),
            PRIORITY = t.Column<int>(nullable: true),
            TRIGGER_STATE = t.Column<string>(maxLength: 16, nullable: false),
            TRIGGER_TYPE = t.Column<string>(maxLength: 8, nullable: false),
            START_TIME = t.Column<long>(nullable: false),
            END_TIME = t.Column<long>(nullable: true),
            CALENDAR_NAME = t.Column<string>(maxLength: 200, nullable: true),
            MISFIRE_INSTR = t.Column<int>(nullable: true),
            MISFIRE_ORIG_FIRE_TIME = t.Column<long>(nullable: true),
            EXECUTION_GROUP = t.Column<string>(maxLength: 200, nullable: true),
            PREFERRED_NODE = t.Column<string>(maxLength: 200, nullable: true),
            PREFERRED_NODE_AUTO = t.Column<bool>(nullable: false, defaultValue: false),
            RETRY_POLICY = t.Column<string>(maxLength: 250, nullable: true),
            RETRY_ATTEMPT = t.Column<int>(nullable: true),
            CONTINUES_TRIGGER_NAME = t.Column<string>(maxLength: 150, nullable: true),
            CONTINUES_TRIGGER_GROUP = t.Column<string>(maxLength: 150, nullable: true),
            CONTINUATION_CONDITION = t.Column<int>(nullable: true),
            OVERLAP_POLICY = t.Column<int>(nullable: true),
            PAUSE_REASON = t.Column<string>(maxLength: 250, nullable: true),
            PAUSED_BY = t.Column<string>(maxLength: 200, nullable: true),
            PAUSED_AT = t.Column<long>(nullable: true),
            MISFIRE_THRESHOLD = t.Column<long>(nullable: true),
            FIXED_DELAY = t.Column<bool>(nullable: true),
            JOB_DATA = t.Column<byte[]>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_" + p + "TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP });
            t.ForeignKey("FK_" + p + "TRIGGERS_" + p + "JOB_DETAILS", x => new { x.SCHED_NAME, x.JOB_NAME, x.JOB_GROUP },
                p + "JOB_DETAILS", jobKey, onDelete: ReferentialAction.NoAction);
        });

        mb.CreateTable(p + "SIMPLE_TRIGGERS", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            TRIGGER_NAME = t.Column<string>(maxLength: 150, nullable: false),
            TRIGGER_GROUP = t.Column<string>(maxLength: 150, nullable: false),
            REPEAT_COUNT = t.Column<int>(nullable: false),
            REPEAT_INTERVAL = t.Column<long>(nullable: false),
            TIMES_TRIGGERED = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_" + p + "SIMPLE_TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP });
            t.ForeignKey("FK_" + p + "SIMPLE_TRIGGERS_" + p + "TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP },
                p + "TRIGGERS", trgKey, onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable(p + "CRON_TRIGGERS", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            TRIGGER_NAME = t.Column<string>(maxLength: 150, nullable: false),
            TRIGGER_GROUP = t.Column<string>(maxLength: 150, nullable: false),
            CRON_EXPRESSION = t.Column<string>(maxLength: ss ? 120 : 250, nullable: false),
            TIME_ZONE_ID = t.Column<string>(maxLength: 80, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_" + p + "CRON_TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP });
            t.ForeignKey("FK_" + p + "CRON_TRIGGERS_" + p + "TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP },
                p + "TRIGGERS", trgKey, onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable(p + "SIMPROP_TRIGGERS", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            TRIGGER_NAME = t.Column<string>(maxLength: 150, nullable: false),
            TRIGGER_GROUP = t.Column<string>(maxLength: 150, nullable: false),
            STR_PROP_1 = t.Column<string>(maxLength: 512, nullable: true),
            STR_PROP_2 = t.Column<string>(maxLength: 512, nullable: true),
            STR_PROP_3 = t.Column<string>(maxLength: 512, nullable: true),
            INT_PROP_1 = t.Column<int>(nullable: true),
            INT_PROP_2 = t.Column<int>(nullable: true),
            LONG_PROP_1 = t.Column<long>(nullable: true),
            LONG_PROP_2 = t.Column<long>(nullable: true),
            DEC_PROP_1 = t.Column<decimal>(type: dec, nullable: true),
            DEC_PROP_2 = t.Column<decimal>(type: dec, nullable: true),
            BOOL_PROP_1 = t.Column<bool>(nullable: true),
            BOOL_PROP_2 = t.Column<bool>(nullable: true),
            TIME_ZONE_ID = t.Column<string>(maxLength: 80, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_" + p + "SIMPROP_TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP });
            t.ForeignKey("FK_" + p + "SIMPROP_TRIGGERS_" + p + "TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP },
                p + "TRIGGERS", trgKey, onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable(p + "BLOB_TRIGGERS", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            TRIGGER_NAME = t.Column<string>(maxLength: 150, nullable: false),
            TRIGGER_GROUP = t.Column<string>(maxLength: 150, nullable: false),
            BLOB_DATA = t.Column<byte[]>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_" + p + "BLOB_TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP });
            if (!ss) // Quartz's SQL Server script has no FK here; its SQLite script does
                t.ForeignKey("FK_" + p + "BLOB_TRIGGERS_" + p + "TRIGGERS", x => new { x.SCHED_NAME, x.TRIGGER_NAME, x.TRIGGER_GROUP },
                    p + "TRIGGERS", trgKey, onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable(p + "CALENDARS", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            CALENDAR_NAME = t.Column<string>(maxLength: 200, nullable: false),
            CALENDAR = t.Column<byte[]>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_" + p + "CALENDARS", x => new { x.SCHED_NAME, x.CALENDAR_NAME }));

        mb.CreateTable(p + "PAUSED_TRIGGER_GRPS", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            TRIGGER_GROUP = t.Column<string>(maxLength: 150, nullable: false),
            PAUSE_REASON = t.Column<string>(maxLength: 250, nullable: true),
            PAUSED_BY = t.Column<string>(maxLength: 200, nullable: true),
            PAUSED_AT = t.Column<long>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_" + p + "PAUSED_TRIGGER_GRPS", x => new { x.SCHED_NAME, x.TRIGGER_GROUP }));

        mb.CreateTable(p + "PAUSED_JOB_GRPS", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            JOB_GROUP = t.Column<string>(maxLength: 150, nullable: false),
            PAUSE_REASON = t.Column<string>(maxLength: 250, nullable: true),
            PAUSED_BY = t.Column<string>(maxLength: 200, nullable: true),
            PAUSED_AT = t.Column<long>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_" + p + "PAUSED_JOB_GRPS", x => new { x.SCHED_NAME, x.JOB_GROUP }));

        mb.CreateTable(p + "FIRED_TRIGGERS", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            ENTRY_ID = t.Column<string>(maxLength: 140, nullable: false),
            TRIGGER_NAME = t.Column<string>(maxLength: 150, nullable: false),
            TRIGGER_GROUP = t.Column<string>(maxLength: 150, nullable: false),
            INSTANCE_NAME = t.Column<string>(maxLength: 200, nullable: false),
            FIRED_TIME = t.Column<long>(nullable: false),
            SCHED_TIME = t.Column<long>(nullable: false),
            PRIORITY = t.Column<int>(nullable: false),
            STATE = t.Column<string>(maxLength: 16, nullable: false),
            JOB_NAME = t.Column<string>(maxLength: 150, nullable: true),
            JOB_GROUP = t.Column<string>(maxLength: 150, nullable: true),
            IS_NONCONCURRENT = t.Column<bool>(nullable: true),
            REQUESTS_RECOVERY = t.Column<bool>(nullable: true),
            EXECUTION_GROUP = t.Column<string>(maxLength: 200, nullable: true),
            PROGRESS = t.Column<int>(nullable: true),
            PROGRESS_MESSAGE = t.Column<string>(maxLength: 250, nullable: true),
            INTERRUPT_REQUESTED_TIME = t.Column<long>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_" + p + "FIRED_TRIGGERS", x => new { x.SCHED_NAME, x.ENTRY_ID }));

        mb.CreateTable(p + "SCHEDULER_STATE", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            INSTANCE_NAME = t.Column<string>(maxLength: 200, nullable: false),
            LAST_CHECKIN_TIME = t.Column<long>(nullable: false),
            CHECKIN_INTERVAL = t.Column<long>(nullable: false),
            QUARTZ_VERSION = t.Column<string>(maxLength: 20, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_" + p + "SCHEDULER_STATE", x => new { x.SCHED_NAME, x.INSTANCE_NAME }));

        mb.CreateTable(p + "LOCKS", t => new
        {
            SCHED_NAME = t.Column<string>(maxLength: 120, nullable: false),
            LOCK_NAME = t.Column<string>(maxLength: 40, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_" + p + "LOCKS", x => new { x.SCHED_NAME, x.LOCK_NAME }));

        // The indexes of Quartz's own scripts, by the same names.
        mb.CreateIndex("IDX_" + p + "J_G_N", p + "JOB_DETAILS", ["SCHED_NAME", "JOB_GROUP", "JOB_NAME"]);
        mb.CreateIndex("IDX_" + p + "T_J", p + "TRIGGERS", ["SCHED_NAME", "JOB_NAME", "JOB_GROUP"]);
        mb.CreateIndex("IDX_" + p + "T_G_N", p + "TRIGGERS", ["SCHED_NAME", "TRIGGER_GROUP", "TRIGGER_NAME"]);
        mb.CreateIndex("IDX_" + p + "T_C", p + "TRIGGERS", ["SCHED_NAME", "CALENDAR_NAME"]);
        mb.CreateIndex("IDX_" + p + "T_NFT_ST", p + "TRIGGERS",
            ["SCHED_NAME", "TRIGGER_STATE", "NEXT_FIRE_TIME", "PRIORITY", "MISFIRE_INSTR"],
            descending: [false, false, false, true, false]);
        mb.CreateIndex("IDX_" + p + "FT_INST_JOB_REQ_RCVRY", p + "FIRED_TRIGGERS", ["SCHED_NAME", "INSTANCE_NAME", "REQUESTS_RECOVERY"]);
        mb.CreateIndex("IDX_" + p + "FT_J_G", p + "FIRED_TRIGGERS", ["SCHED_NAME", "JOB_NAME", "JOB_GROUP"]);
        mb.CreateIndex("IDX_" + p + "FT_T_G", p + "FIRED_TRIGGERS", ["SCHED_NAME", "TRIGGER_NAME", "TRIGGER_GROUP"]);
    }

    /// <summary>
    /// Quartz's PostgreSQL script (Quartz.Impl.AdoJobStore.Schema.create_postgres.sql in Quartz 4.7.3), its 12 core tables
    /// and their indexes. Quartz's SQL names tables and columns unquoted, which PostgreSQL folds to lower case, so they are
    /// made in lower case here and cannot go through the migration builder, which quotes every name.
    /// </summary>
    private const string PostgreSql = """
        CREATE TABLE qrtz_job_details (
          sched_name text NOT NULL, job_name text NOT NULL, job_group text NOT NULL, description text NULL,
          job_class_name text NOT NULL, is_durable bool NOT NULL, is_nonconcurrent bool NOT NULL, is_update_data bool NOT NULL,
          requests_recovery bool NOT NULL, job_data bytea NULL,
          PRIMARY KEY (sched_name, job_name, job_group));
        CREATE TABLE qrtz_triggers (
          sched_name text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL, job_name text NOT NULL,
          job_group text NOT NULL, description text NULL, next_fire_time bigint NULL, prev_fire_time bigint NULL,
          priority integer NULL, trigger_state text NOT NULL, trigger_type text NOT NULL, start_time bigint NOT NULL,
          end_time bigint NULL, calendar_name text NULL, misfire_instr smallint NULL, misfire_orig_fire_time bigint NULL,
          execution_group varchar(200) NULL, preferred_node varchar(200) NULL, preferred_node_auto bool NOT NULL DEFAULT false,
          retry_policy varchar(250) NULL, retry_attempt integer NULL, continues_trigger_name text NULL,
          continues_trigger_group text NULL, continuation_condition integer NULL, overlap_policy integer NULL,
          pause_reason varchar(250) NULL, paused_by varchar(200) NULL, paused_at bigint NULL, misfire_threshold bigint NULL,
          fixed_delay bool NULL, job_data bytea NULL,
          PRIMARY KEY (sched_name, trigger_name, trigger_group),
          FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group));
        CREATE TABLE qrtz_simple_triggers (
          sched_name text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL, repeat_count bigint NOT NULL,
          repeat_interval bigint NOT NULL, times_triggered bigint NOT NULL,
          PRIMARY KEY (sched_name, trigger_name, trigger_group),
          FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE qrtz_cron_triggers (
          sched_name text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL, cron_expression text NOT NULL,
          time_zone_id text,
          PRIMARY KEY (sched_name, trigger_name, trigger_group),
          FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE qrtz_simprop_triggers (
          sched_name text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL,
          str_prop_1 text NULL, str_prop_2 text NULL, str_prop_3 text NULL, int_prop_1 integer NULL, int_prop_2 integer NULL,
          long_prop_1 bigint NULL, long_prop_2 bigint NULL, dec_prop_1 numeric NULL, dec_prop_2 numeric NULL,
          bool_prop_1 bool NULL, bool_prop_2 bool NULL, time_zone_id text NULL,
          PRIMARY KEY (sched_name, trigger_name, trigger_group),
          FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE qrtz_blob_triggers (
          sched_name text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL, blob_data bytea NULL,
          PRIMARY KEY (sched_name, trigger_name, trigger_group),
          FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE);
        CREATE TABLE qrtz_calendars (
          sched_name text NOT NULL, calendar_name text NOT NULL, calendar bytea NOT NULL,
          PRIMARY KEY (sched_name, calendar_name));
        CREATE TABLE qrtz_paused_trigger_grps (
          sched_name text NOT NULL, trigger_group text NOT NULL, pause_reason varchar(250) NULL, paused_by varchar(200) NULL,
          paused_at bigint NULL,
          PRIMARY KEY (sched_name, trigger_group));
        CREATE TABLE qrtz_paused_job_grps (
          sched_name text NOT NULL, job_group text NOT NULL, pause_reason varchar(250) NULL, paused_by varchar(200) NULL,
          paused_at bigint NULL,
          PRIMARY KEY (sched_name, job_group));
        CREATE TABLE qrtz_fired_triggers (
          sched_name text NOT NULL, entry_id text NOT NULL, trigger_name text NOT NULL, trigger_group text NOT NULL,
          instance_name text NOT NULL, fired_time bigint NOT NULL, sched_time bigint NOT NULL, priority integer NOT NULL,
          state text NOT NULL, job_name text NULL, job_group text NULL, is_nonconcurrent bool NOT NULL,
          requests_recovery bool NULL, execution_group varchar(200) NULL, progress integer NULL,
          progress_message varchar(250) NULL, interrupt_requested_time bigint NULL,
          PRIMARY KEY (sched_name, entry_id));
        CREATE TABLE qrtz_scheduler_state (
          sched_name text NOT NULL, instance_name text NOT NULL, last_checkin_time bigint NOT NULL,
          checkin_interval bigint NOT NULL, quartz_version varchar(20) NULL,
          PRIMARY KEY (sched_name, instance_name));
        CREATE TABLE qrtz_locks (
          sched_name text NOT NULL, lock_name text NOT NULL,
          PRIMARY KEY (sched_name, lock_name));
        CREATE INDEX idx_qrtz_j_g_n ON qrtz_job_details (sched_name, job_group, job_name);
        CREATE INDEX idx_qrtz_t_j ON qrtz_triggers (sched_name, job_name, job_group);
        CREATE INDEX idx_qrtz_t_g_n ON qrtz_triggers (sched_name, trigger_group, trigger_name);
        CREATE INDEX idx_qrtz_t_c ON qrtz_triggers (sched_name, calendar_name);
        CREATE INDEX idx_qrtz_t_nft_st ON qrtz_triggers (sched_name, trigger_state, next_fire_time ASC, priority DESC, misfire_instr);
        CREATE INDEX idx_qrtz_ft_inst_job_req_rcvry ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
        CREATE INDEX idx_qrtz_ft_j_g ON qrtz_fired_triggers (sched_name, job_name, job_group);
        CREATE INDEX idx_qrtz_ft_t_g ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
        """;
}
