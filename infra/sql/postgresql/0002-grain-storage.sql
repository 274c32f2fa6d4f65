-- Grain state for the Orleans ADO.NET storage provider (invariant Npgsql), Orleans 10.x query contract: the same
-- parameter and result names as the upstream PostgreSQL script, a different layout.
--
-- Locking under contention. Upstream keeps a non-unique index on (GrainIdHash, GrainTypeHash) and inserts a first
-- state with INSERT ... WHERE NOT EXISTS inside a PL/pgSQL function. Under READ COMMITTED two concurrent first writes
-- of one grain (two activations during a membership change) both see no row and both insert, leaving duplicates that
-- later reads and updates disagree about; the threads about the SQL Server version of the same query (dotnet/orleans
-- #2393, #2745, #2790) traded that for heavy range locks and deadlocks. Here the full grain key is a unique index, so
-- PostgreSQL arbitrates: the losing insert waits for the winner's commit on that one index entry, then does nothing,
-- returns no version and Orleans raises InconsistentStateException. Updates lock only their row and carry the
-- optimistic version check. No table or range locks, no deadlock between two grains, no duplicates.
-- GrainIdExtensionString is '' rather than NULL for grains without a string key, so the unique index covers them.

CREATE TABLE OrleansStorage
(
    GrainIdHash            integer       NOT NULL,
    GrainIdN0              bigint        NOT NULL,
    GrainIdN1              bigint        NOT NULL,
    GrainTypeHash          integer       NOT NULL,
    -- The state name (e.g. 'node'), not the grain class: give every grain class a state name of its own.
    GrainTypeString        varchar(512)  NOT NULL,
    GrainIdExtensionString varchar(512)  NOT NULL DEFAULT '',
    ServiceId              varchar(150)  NOT NULL,
    PayloadBinary          bytea         NULL,
    ModifiedOn             timestamptz   NOT NULL DEFAULT now(),
    Version                integer       NOT NULL
);

CREATE UNIQUE INDEX UX_OrleansStorage ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId);

-- @GrainStateVersion NULL: the grain never read a stored state, so insert at version 1 unless a row exists.
-- Otherwise: update only the row at that version. Either way the new version comes back; no row means the write lost.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
    WITH updated AS (
        UPDATE OrleansStorage
        SET PayloadBinary = CAST(@PayloadBinary AS bytea), ModifiedOn = now(), Version = Version + 1
        WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL
          AND GrainIdHash = CAST(@GrainIdHash AS integer) AND GrainTypeHash = CAST(@GrainTypeHash AS integer)
          AND GrainIdN0 = CAST(@GrainIdN0 AS bigint) AND GrainIdN1 = CAST(@GrainIdN1 AS bigint)
          AND GrainTypeString = CAST(@GrainTypeString AS varchar)
          AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '''')
          AND ServiceId = CAST(@ServiceId AS varchar)
          AND Version = CAST(@GrainStateVersion AS integer)
        RETURNING Version),
    inserted AS (
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
        SELECT CAST(@GrainIdHash AS integer), CAST(@GrainIdN0 AS bigint), CAST(@GrainIdN1 AS bigint), CAST(@GrainTypeHash AS integer),
               CAST(@GrainTypeString AS varchar), COALESCE(CAST(@GrainIdExtensionString AS varchar), ''''), CAST(@ServiceId AS varchar),
               CAST(@PayloadBinary AS bytea), 1
        WHERE CAST(@GrainStateVersion AS integer) IS NULL
        ON CONFLICT DO NOTHING
        RETURNING Version)
    SELECT Version AS NewGrainStateVersion FROM updated
    UNION ALL
    SELECT Version FROM inserted;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = CAST(@GrainIdHash AS integer) AND GrainTypeHash = CAST(@GrainTypeHash AS integer)
      AND GrainIdN0 = CAST(@GrainIdN0 AS bigint) AND GrainIdN1 = CAST(@GrainIdN1 AS bigint)
      AND GrainTypeString = CAST(@GrainTypeString AS varchar)
      AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '''')
      AND ServiceId = CAST(@ServiceId AS varchar);
');

-- Clearing keeps the row (payload NULL) and bumps the version, so a stale writer still conflicts afterwards.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
    WHERE GrainIdHash = CAST(@GrainIdHash AS integer) AND GrainTypeHash = CAST(@GrainTypeHash AS integer)
      AND GrainIdN0 = CAST(@GrainIdN0 AS bigint) AND GrainIdN1 = CAST(@GrainIdN1 AS bigint)
      AND GrainTypeString = CAST(@GrainTypeString AS varchar)
      AND GrainIdExtensionString = COALESCE(CAST(@GrainIdExtensionString AS varchar), '''')
      AND ServiceId = CAST(@ServiceId AS varchar)
      AND Version = CAST(@GrainStateVersion AS integer)
    RETURNING Version AS NewGrainStateVersion;
');
