-- Silo membership for the Orleans ADO.NET clustering provider (invariant Npgsql), Orleans 10.x query contract.
-- The project's own script, written against the upstream PostgreSQL script's contract (query keys, parameter names,
-- result columns) but without its PL/pgSQL functions: each query is one statement, whose data-modifying CTEs run in
-- the statement's own snapshot and commit or roll back together.
--
-- Every membership change bumps the deployment's row in OrleansMembershipVersionTable, conditioned on the version the
-- silo read (@Version, the table etag). That row lock is what serialises membership writes across silos: a writer with
-- a stale version changes nothing and reports 0, and Orleans re-reads and retries.
--
-- Parameters are cast to the column types: Npgsql sends some of them untyped (nulls, the etag as text).

CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL PRIMARY KEY,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0
);

CREATE TABLE OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Returns 1 when this call created the deployment's version row, 0 when it existed.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
    WITH inserted AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (CAST(@DeploymentId AS varchar))
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1)
    SELECT CAST(COUNT(*) AS integer) FROM inserted;
');

-- Inserts the silo''s row only if the table is still at @Version and the row is new; the version moves on with it.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', '
    WITH bumped AS (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1, Timestamp = now()
        WHERE DeploymentId = CAST(@DeploymentId AS varchar)
          AND Version = CAST(@Version AS integer)
          AND NOT EXISTS (
              SELECT 1 FROM OrleansMembershipTable
              WHERE DeploymentId = CAST(@DeploymentId AS varchar) AND Address = CAST(@Address AS varchar)
                AND Port = CAST(@Port AS integer) AND Generation = CAST(@Generation AS integer))
        RETURNING DeploymentId),
    inserted AS (
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        SELECT DeploymentId, CAST(@Address AS varchar), CAST(@Port AS integer), CAST(@Generation AS integer),
               CAST(@SiloName AS varchar), CAST(@HostName AS varchar), CAST(@Status AS integer), CAST(@ProxyPort AS integer),
               CAST(@StartTime AS timestamptz), CAST(@IAmAliveTime AS timestamptz)
        FROM bumped
        ON CONFLICT DO NOTHING
        RETURNING 1)
    SELECT CAST(COUNT(*) AS integer) FROM inserted;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', '
    WITH bumped AS (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1, Timestamp = now()
        WHERE DeploymentId = CAST(@DeploymentId AS varchar) AND Version = CAST(@Version AS integer)
        RETURNING DeploymentId),
    updated AS (
        UPDATE OrleansMembershipTable AS m
        SET Status = CAST(@Status AS integer),
            SuspectTimes = CAST(@SuspectTimes AS varchar),
            IAmAliveTime = CAST(@IAmAliveTime AS timestamptz)
        FROM bumped
        WHERE m.DeploymentId = bumped.DeploymentId
          AND m.Address = CAST(@Address AS varchar) AND m.Port = CAST(@Port AS integer)
          AND m.Generation = CAST(@Generation AS integer)
        RETURNING 1)
    SELECT CAST(COUNT(*) AS integer) FROM updated;
');

-- The heartbeat; Orleans neither expects it to fail nor reads a result.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', '
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = CAST(@IAmAliveTime AS timestamptz)
    WHERE DeploymentId = CAST(@DeploymentId AS varchar) AND Address = CAST(@Address AS varchar)
      AND Port = CAST(@Port AS integer) AND Generation = CAST(@Generation AS integer);
');

-- The version row is always returned (outer join), so a silo reads the etag even before its own row exists.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId
       AND m.Address = CAST(@Address AS varchar) AND m.Port = CAST(@Port AS integer)
       AND m.Generation = CAST(@Generation AS integer)
    WHERE v.DeploymentId = CAST(@DeploymentId AS varchar);
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = CAST(@DeploymentId AS varchar);
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = CAST(@DeploymentId AS varchar);
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = CAST(@DeploymentId AS varchar);
');

-- Clients list the gateways: active silos (@Status = Active) that accept clients (a proxy port).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = CAST(@DeploymentId AS varchar) AND Status = CAST(@Status AS integer) AND ProxyPort > 0;
');

-- dotnet/orleans#9125: the upstream PostgreSQL script had no CleanupDefunctSiloEntriesKey, so the membership
-- cleanup (ClusterMembershipOptions.DefunctSiloCleanupPeriod) failed and dead silos'' rows piled up. Only rows of
-- silos declared Dead (SiloStatus 6) go: a row that is merely quiet may belong to a silo others have not yet voted
-- dead, and deleting it would hide it from the vote. A dead row never changes again, so its heartbeat time is final.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = CAST(@DeploymentId AS varchar)
      AND IAmAliveTime < CAST(@IAmAliveTime AS timestamptz)
      AND Status = 6;
');

