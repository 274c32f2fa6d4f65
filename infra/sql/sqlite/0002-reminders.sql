-- Durable reminders for the Orleans ADO.NET reminder provider (invariant System.Data.SQLite, served by
-- Microsoft.Data.Sqlite). Orleans ships no SQLite script; this one keeps the provider's query contract (query keys,
-- parameter names and result column names, as in the provider's PostgreSQL and MySQL scripts) in SQLite's dialect.
--
-- What the provider binds and expects (Orleans.Reminders.AdoNet 10.x):
--   @ServiceId, @GrainId (GrainId.ToString()), @ReminderName      text
--   @GrainHash, @BeginHash, @EndHash                              the uint ring hash cast to a signed 32-bit int
--   @StartTime                                                    a UTC DateTime, stored by Microsoft.Data.Sqlite as
--                                                                 'yyyy-MM-dd HH:mm:ss.FFFFFFF' text and read back as UTC
--   @Period                                                       milliseconds (int, or long beyond int range)
--   @Version                                                      the etag, parsed back to an int
-- Reads return GrainId, ReminderName, StartTime, Period, Version; the upsert returns the new Version (the etag); the
-- delete returns one row holding the number of deleted rows (0 when the etag is stale).

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    TEXT    NOT NULL,
    GrainId      TEXT    NOT NULL,
    ReminderName TEXT    NOT NULL,
    StartTime    TEXT    NOT NULL,
    Period       INTEGER NOT NULL,
    GrainHash    INTEGER NOT NULL,
    Version      INTEGER NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- The reminder service loads its share of the hash ring at start-up and at every refresh.
CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_GrainHash ON OrleansRemindersTable (ServiceId, GrainHash);

-- One statement: insert at version 0, or update the existing reminder and bump its version. The returned Version is
-- the reminder's new etag.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
    INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE SET
        StartTime = excluded.StartTime,
        Period = excluded.Period,
        GrainHash = excluded.GrainHash,
        Version = OrleansRemindersTable.Version + 1
    RETURNING Version;
');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
');

-- A ring range is (BeginHash, EndHash]. The provider compares the two as signed ints, as they are stored, and picks
-- this query when BeginHash < EndHash ...
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
');

-- ... and this one otherwise: the range wraps around the end of the ring (BeginHash = EndHash is the whole ring,
-- which is what a single silo owns).
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
');

-- Deletes only when the etag is current. The provider reads exactly one row with one column, so the count comes from
-- a second statement: Microsoft.Data.Sqlite runs the DELETE, skips its empty result and returns the SELECT; changes()
-- is per connection, so it counts this DELETE.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version;
    SELECT changes() AS Deleted;
');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
');
