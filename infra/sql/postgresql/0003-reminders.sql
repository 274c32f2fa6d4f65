-- Durable reminders for the Orleans ADO.NET reminder provider (invariant Npgsql), Orleans 10.x query contract (query
-- keys, parameter names and result columns as in the upstream PostgreSQL script; 10.x has no cron columns).
--
-- The upstream table has only its primary key (ServiceId, GrainId, ReminderName), yet every silo reads its share of
-- the hash ring by GrainHash (ReadRangeRows1Key/2Key) at start-up and at every refresh: a sequential scan of all of
-- the service's reminders, per silo, per refresh. IX_OrleansRemindersTable_GrainHash serves those range reads.

CREATE TABLE OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    -- Milliseconds.
    Period       bigint         NOT NULL,
    -- GrainId.GetUniformHashCode(), the unsigned ring position cast to a signed 32-bit integer.
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IX_OrleansRemindersTable_GrainHash ON OrleansRemindersTable (ServiceId, GrainHash);

-- Insert at version 0, or update and bump the version; the returned Version is the reminder's new etag.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
    INSERT INTO OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES (CAST(@ServiceId AS varchar), CAST(@GrainId AS varchar), CAST(@ReminderName AS varchar),
            CAST(@StartTime AS timestamptz), CAST(@Period AS bigint), CAST(@GrainHash AS integer), 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE SET
        StartTime = excluded.StartTime,
        Period = excluded.Period,
        GrainHash = excluded.GrainHash,
        Version = r.Version + 1
    RETURNING Version;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = CAST(@ServiceId AS varchar) AND GrainId = CAST(@GrainId AS varchar);
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = CAST(@ServiceId AS varchar) AND GrainId = CAST(@GrainId AS varchar)
      AND ReminderName = CAST(@ReminderName AS varchar);
');

-- A ring range is (BeginHash, EndHash]; the provider compares the two as signed integers and uses this query when
-- BeginHash < EndHash ...
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = CAST(@ServiceId AS varchar)
      AND GrainHash > CAST(@BeginHash AS integer) AND GrainHash <= CAST(@EndHash AS integer);
');

-- ... and this one when the range wraps past the end of the ring (BeginHash = EndHash is the whole ring).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = CAST(@ServiceId AS varchar)
      AND (GrainHash > CAST(@BeginHash AS integer) OR GrainHash <= CAST(@EndHash AS integer));
');

-- Deletes only at the current etag; returns the number of rows deleted (0 for a stale etag).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
    WITH deleted AS (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = CAST(@ServiceId AS varchar) AND GrainId = CAST(@GrainId AS varchar)
          AND ReminderName = CAST(@ReminderName AS varchar) AND Version = CAST(@Version AS integer)
        RETURNING 1)
    SELECT CAST(COUNT(*) AS integer) FROM deleted;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
    DELETE FROM OrleansRemindersTable WHERE ServiceId = CAST(@ServiceId AS varchar);
');
