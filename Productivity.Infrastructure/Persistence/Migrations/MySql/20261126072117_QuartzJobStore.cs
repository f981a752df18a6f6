using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Productivity.Infrastructure.Persistence.Migrations.MySql
{
    /// <summary>
    /// The tables of Quartz's clustered ADO.NET job store (MySQL only; SQLite runs the in-memory store, so its
    /// migration of this name is empty). The statements are the MySQL schema that Quartz 4.7.3 itself ships
    /// (embedded resource <c>Quartz.Impl.AdoJobStore.Schema.create_mysql_innodb.sql</c>) with the default prefix
    /// <c>QRTZ_</c>; Quartz validates them at start-up. Written by hand: EF does not model these tables.
    /// </summary>
    public partial class QuartzJobStore : Migration
    {
        private static readonly string[] Tables =
        [
            "QRTZ_JOB_STATUS",
            "QRTZ_MISFIRE_HISTORY",
            "QRTZ_EXECUTION_HISTORY",
            "QRTZ_LOCKS",
            "QRTZ_SCHEDULER_STATE",
            "QRTZ_FIRED_TRIGGERS",
            "QRTZ_PAUSED_JOB_GRPS",
            "QRTZ_PAUSED_TRIGGER_GRPS",
            "QRTZ_CALENDARS",
            "QRTZ_BLOB_TRIGGERS",
            "QRTZ_SIMPROP_TRIGGERS",
            "QRTZ_CRON_TRIGGERS",
            "QRTZ_SIMPLE_TRIGGERS",
            "QRTZ_TRIGGERS",
            "QRTZ_JOB_DETAILS",
        ];

        private static readonly string[] Statements =
        [
            """
                CREATE TABLE IF NOT EXISTS QRTZ_JOB_DETAILS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  JOB_NAME VARCHAR(200) NOT NULL,
                  JOB_GROUP VARCHAR(200) NOT NULL,
                  DESCRIPTION VARCHAR(250) NULL,
                  JOB_CLASS_NAME VARCHAR(250) NOT NULL,
                  IS_DURABLE BOOLEAN NOT NULL,
                  IS_NONCONCURRENT BOOLEAN NOT NULL,
                  IS_UPDATE_DATA BOOLEAN NOT NULL,
                  REQUESTS_RECOVERY BOOLEAN NOT NULL,
                  JOB_DATA BLOB NULL,
                  PRIMARY KEY (SCHED_NAME,JOB_NAME,JOB_GROUP),
                  KEY IDX_QRTZ_J_G_N (SCHED_NAME,JOB_GROUP,JOB_NAME)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_TRIGGERS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  TRIGGER_NAME VARCHAR(200) NOT NULL,
                  TRIGGER_GROUP VARCHAR(200) NOT NULL,
                  JOB_NAME VARCHAR(200) NOT NULL,
                  JOB_GROUP VARCHAR(200) NOT NULL,
                  DESCRIPTION VARCHAR(250) NULL,
                  NEXT_FIRE_TIME BIGINT NULL,
                  PREV_FIRE_TIME BIGINT NULL,
                  PRIORITY INTEGER NULL,
                  TRIGGER_STATE VARCHAR(16) NOT NULL,
                  TRIGGER_TYPE VARCHAR(8) NOT NULL,
                  START_TIME BIGINT NOT NULL,
                  END_TIME BIGINT NULL,
                  CALENDAR_NAME VARCHAR(200) NULL,
                  MISFIRE_INSTR SMALLINT NULL,
                  MISFIRE_ORIG_FIRE_TIME BIGINT NULL,
                  EXECUTION_GROUP VARCHAR(200) NULL,
                  PREFERRED_NODE VARCHAR(200) NULL,
                  PREFERRED_NODE_AUTO BOOLEAN NOT NULL DEFAULT FALSE,
                  RETRY_POLICY VARCHAR(250) NULL,
                  RETRY_ATTEMPT INTEGER NULL,
                  CONTINUES_TRIGGER_NAME VARCHAR(200) NULL,
                  CONTINUES_TRIGGER_GROUP VARCHAR(200) NULL,
                  CONTINUATION_CONDITION INTEGER NULL,
                  OVERLAP_POLICY INTEGER NULL,
                  PAUSE_REASON VARCHAR(250) NULL,
                  PAUSED_BY VARCHAR(200) NULL,
                  PAUSED_AT BIGINT NULL,
                  MISFIRE_THRESHOLD BIGINT NULL,
                  FIXED_DELAY BOOLEAN NULL,
                  JOB_DATA BLOB NULL,
                  PRIMARY KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP),
                  FOREIGN KEY (SCHED_NAME,JOB_NAME,JOB_GROUP) REFERENCES QRTZ_JOB_DETAILS (SCHED_NAME,JOB_NAME,JOB_GROUP),
                  KEY IDX_QRTZ_T_J (SCHED_NAME,JOB_NAME,JOB_GROUP),
                  KEY IDX_QRTZ_T_G_N (SCHED_NAME,TRIGGER_GROUP,TRIGGER_NAME),
                  KEY IDX_QRTZ_T_C (SCHED_NAME,CALENDAR_NAME),
                  KEY IDX_QRTZ_T_NFT_ST (SCHED_NAME,TRIGGER_STATE,NEXT_FIRE_TIME ASC,PRIORITY DESC,MISFIRE_INSTR)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_SIMPLE_TRIGGERS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  TRIGGER_NAME VARCHAR(200) NOT NULL,
                  TRIGGER_GROUP VARCHAR(200) NOT NULL,
                  REPEAT_COUNT BIGINT NOT NULL,
                  REPEAT_INTERVAL BIGINT NOT NULL,
                  TIMES_TRIGGERED BIGINT NOT NULL,
                  PRIMARY KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP),
                  FOREIGN KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_CRON_TRIGGERS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  TRIGGER_NAME VARCHAR(200) NOT NULL,
                  TRIGGER_GROUP VARCHAR(200) NOT NULL,
                  CRON_EXPRESSION VARCHAR(120) NOT NULL,
                  TIME_ZONE_ID VARCHAR(80),
                  PRIMARY KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP),
                  FOREIGN KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_SIMPROP_TRIGGERS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  TRIGGER_NAME VARCHAR(200) NOT NULL,
                  TRIGGER_GROUP VARCHAR(200) NOT NULL,
                  STR_PROP_1 VARCHAR(512) NULL,
                  STR_PROP_2 VARCHAR(512) NULL,
                  STR_PROP_3 VARCHAR(512) NULL,
                  INT_PROP_1 INT NULL,
                  INT_PROP_2 INT NULL,
                  LONG_PROP_1 BIGINT NULL,
                  LONG_PROP_2 BIGINT NULL,
                  DEC_PROP_1 NUMERIC(13,4) NULL,
                  DEC_PROP_2 NUMERIC(13,4) NULL,
                  BOOL_PROP_1 BOOLEAN NULL,
                  BOOL_PROP_2 BOOLEAN NULL,
                  TIME_ZONE_ID VARCHAR(80) NULL,
                  PRIMARY KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP),
                  FOREIGN KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_BLOB_TRIGGERS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  TRIGGER_NAME VARCHAR(200) NOT NULL,
                  TRIGGER_GROUP VARCHAR(200) NOT NULL,
                  BLOB_DATA BLOB NULL,
                  PRIMARY KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP),
                  FOREIGN KEY (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_CALENDARS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  CALENDAR_NAME VARCHAR(200) NOT NULL,
                  CALENDAR BLOB NOT NULL,
                  PRIMARY KEY (SCHED_NAME,CALENDAR_NAME)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_PAUSED_TRIGGER_GRPS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  TRIGGER_GROUP VARCHAR(200) NOT NULL,
                  PAUSE_REASON VARCHAR(250) NULL,
                  PAUSED_BY VARCHAR(200) NULL,
                  PAUSED_AT BIGINT NULL,
                  PRIMARY KEY (SCHED_NAME,TRIGGER_GROUP)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_PAUSED_JOB_GRPS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  JOB_GROUP VARCHAR(200) NOT NULL,
                  PAUSE_REASON VARCHAR(250) NULL,
                  PAUSED_BY VARCHAR(200) NULL,
                  PAUSED_AT BIGINT NULL,
                  PRIMARY KEY (SCHED_NAME,JOB_GROUP)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_FIRED_TRIGGERS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  ENTRY_ID VARCHAR(140) NOT NULL,
                  TRIGGER_NAME VARCHAR(200) NOT NULL,
                  TRIGGER_GROUP VARCHAR(200) NOT NULL,
                  INSTANCE_NAME VARCHAR(200) NOT NULL,
                  FIRED_TIME BIGINT NOT NULL,
                  SCHED_TIME BIGINT NOT NULL,
                  PRIORITY INTEGER NOT NULL,
                  STATE VARCHAR(16) NOT NULL,
                  JOB_NAME VARCHAR(200) NULL,
                  JOB_GROUP VARCHAR(200) NULL,
                  IS_NONCONCURRENT BOOLEAN NULL,
                  REQUESTS_RECOVERY BOOLEAN NULL,
                  EXECUTION_GROUP VARCHAR(200) NULL,
                  PROGRESS INTEGER NULL,
                  PROGRESS_MESSAGE VARCHAR(250) NULL,
                  INTERRUPT_REQUESTED_TIME BIGINT NULL,
                  PRIMARY KEY (SCHED_NAME,ENTRY_ID),
                  KEY IDX_QRTZ_FT_INST_JOB_REQ_RCVRY (SCHED_NAME,INSTANCE_NAME,REQUESTS_RECOVERY),
                  KEY IDX_QRTZ_FT_J_G (SCHED_NAME,JOB_NAME,JOB_GROUP),
                  KEY IDX_QRTZ_FT_T_G (SCHED_NAME,TRIGGER_NAME,TRIGGER_GROUP)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_SCHEDULER_STATE (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  INSTANCE_NAME VARCHAR(200) NOT NULL,
                  LAST_CHECKIN_TIME BIGINT NOT NULL,
                  CHECKIN_INTERVAL BIGINT NOT NULL,
                  QUARTZ_VERSION VARCHAR(20) NULL,
                  PRIMARY KEY (SCHED_NAME,INSTANCE_NAME)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_LOCKS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  LOCK_NAME VARCHAR(40) NOT NULL,
                  PRIMARY KEY (SCHED_NAME,LOCK_NAME)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_EXECUTION_HISTORY (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  ENTRY_ID VARCHAR(140) NOT NULL,
                  INSTANCE_NAME VARCHAR(200) NOT NULL,
                  JOB_NAME VARCHAR(200) NOT NULL,
                  JOB_GROUP VARCHAR(200) NOT NULL,
                  TRIGGER_NAME VARCHAR(200) NOT NULL,
                  TRIGGER_GROUP VARCHAR(200) NOT NULL,
                  FIRED_TIME BIGINT NOT NULL,
                  RUN_TIME BIGINT NOT NULL,
                  SUCCEEDED BOOLEAN NOT NULL,
                  ERROR_MESSAGE VARCHAR(1000) NULL,
                  RETRY_ATTEMPT INTEGER NOT NULL DEFAULT 0,
                  RETRY_SCHEDULED BOOLEAN NOT NULL DEFAULT FALSE,
                  EXECUTION_LOG LONGTEXT NULL,
                  RESULT INTEGER NULL,
                  SUMMARY VARCHAR(1000) NULL,
                  METRICS LONGTEXT NULL,
                  MANUAL BOOLEAN NULL,
                  FIRE_INSTANCE_ID VARCHAR(140) NULL,
                  JOB_INPUT LONGTEXT NULL,
                  JOB_INPUT_TOO_LARGE BOOLEAN NULL,
                  PRIMARY KEY (SCHED_NAME,ENTRY_ID),
                  KEY IDX_QRTZ_EH_FIRED_TIME (SCHED_NAME,FIRED_TIME),
                  KEY IDX_QRTZ_EH_INST (SCHED_NAME,INSTANCE_NAME),
                  KEY IDX_QRTZ_EH_JOB_TIME (SCHED_NAME,JOB_GROUP,JOB_NAME,FIRED_TIME),
                  KEY IDX_QRTZ_EH_FIRE_INST (SCHED_NAME,FIRE_INSTANCE_ID),
                  KEY IDX_QRTZ_EH_TRIG_TIME (SCHED_NAME,TRIGGER_GROUP,TRIGGER_NAME,FIRED_TIME)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_MISFIRE_HISTORY (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  ENTRY_ID VARCHAR(140) NOT NULL,
                  INSTANCE_NAME VARCHAR(200) NOT NULL,
                  TRIGGER_NAME VARCHAR(200) NOT NULL,
                  TRIGGER_GROUP VARCHAR(200) NOT NULL,
                  JOB_NAME VARCHAR(200) NULL,
                  JOB_GROUP VARCHAR(200) NULL,
                  MISFIRE_TIME BIGINT NOT NULL,
                  SCHED_TIME BIGINT NULL,
                  REASON INTEGER NULL,
                  PRIMARY KEY (SCHED_NAME,ENTRY_ID),
                  KEY IDX_QRTZ_MH_MISFIRE_TIME (SCHED_NAME,MISFIRE_TIME),
                  KEY IDX_QRTZ_MH_INST (SCHED_NAME,INSTANCE_NAME)
                ) ENGINE=InnoDB
                """,
            """
                CREATE TABLE IF NOT EXISTS QRTZ_JOB_STATUS (
                  SCHED_NAME VARCHAR(120) NOT NULL,
                  JOB_GROUP VARCHAR(200) NOT NULL,
                  JOB_NAME VARCHAR(200) NOT NULL,
                  FIRST_FIRED_TIME BIGINT NOT NULL,
                  LAST_FIRED_TIME BIGINT NOT NULL,
                  LAST_RESULT INTEGER NOT NULL,
                  LAST_RUN_TIME BIGINT NOT NULL,
                  LAST_INSTANCE_NAME VARCHAR(200) NOT NULL,
                  LAST_ENTRY_ID VARCHAR(140) NULL,
                  LAST_SUMMARY VARCHAR(1000) NULL,
                  LAST_SUCCESS_TIME BIGINT NULL,
                  LAST_FAILURE_TIME BIGINT NULL,
                  LAST_FAILURE_MESSAGE VARCHAR(1000) NULL,
                  CONSECUTIVE_FAILURES INTEGER NOT NULL DEFAULT 0,
                  RUN_COUNT BIGINT NOT NULL DEFAULT 0,
                  FAILURE_COUNT BIGINT NOT NULL DEFAULT 0,
                  PRIMARY KEY (SCHED_NAME,JOB_GROUP,JOB_NAME)
                ) ENGINE=InnoDB
                """,
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Statements)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TABLE IF EXISTS {table}");
            }
        }
    }
}
