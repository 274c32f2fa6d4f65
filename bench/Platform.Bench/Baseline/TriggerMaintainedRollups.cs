using Npgsql;

namespace Platform.Bench.Baseline;

/// <summary>
/// The strongest plain-SQL alternative: a rollup row per node, kept up to date in the writer's own transaction by a
/// trigger on the assessment table that adds the write's delta (count, compliance, score, stars) to the organisation's
/// row and every ancestor's, found through the precomputed path (the closure column <c>orgs.path</c>). A page is then
/// one indexed read of the children's rows, with no GROUP BY. The price is paid by writers: every submission updates
/// the province's row, so writers queue on that row's lock for the length of each other's transactions.
/// </summary>
/// <remarks>
/// Rows are updated leaf first, so the province row, the one every writer waits for, is locked last and held for the
/// shortest time; and since every transaction locks one node per depth, deepest first, two transactions can never wait
/// on each other in a cycle (no deadlocks by construction). A resubmission that changes nothing updates no rollup row.
/// </remarks>
public sealed class TriggerMaintainedRollups(NpgsqlDataSource data)
{
    /// <summary>Creates the rollup table from the hierarchy and the assessments already stored, then the trigger.</summary>
    public async Task InstallAsync()
    {
        await using var command = data.CreateCommand("""
            DROP TABLE IF EXISTS rollups;
            CREATE TABLE rollups (
                code text PRIMARY KEY, organisations int NOT NULL, members bigint NOT NULL, schools int NOT NULL, covered_schools int NOT NULL,
                assessed int NOT NULL, compliant int NOT NULL, score_sum numeric NOT NULL,
                star1 int NOT NULL, star2 int NOT NULL, star3 int NOT NULL, star4 int NOT NULL, star5 int NOT NULL);
            INSERT INTO rollups
            SELECT n.code, coalesce(o.organisations, 0), coalesce(o.members, 0), coalesce(s.schools, 0), coalesce(s.covered, 0),
                   coalesce(o.assessed, 0), coalesce(o.compliant, 0), coalesce(o.score_sum, 0),
                   coalesce(o.star1, 0), coalesce(o.star2, 0), coalesce(o.star3, 0), coalesce(o.star4, 0), coalesce(o.star5, 0)
            FROM nodes n
            LEFT JOIN (
                SELECT p.code, count(*) AS organisations, sum(o.members) AS members, count(a.org_code) AS assessed,
                       count(*) FILTER (WHERE a.compliant) AS compliant, sum(a.total) AS score_sum,
                       count(*) FILTER (WHERE a.rating = 'star1') AS star1, count(*) FILTER (WHERE a.rating = 'star2') AS star2,
                       count(*) FILTER (WHERE a.rating = 'star3') AS star3, count(*) FILTER (WHERE a.rating = 'star4') AS star4,
                       count(*) FILTER (WHERE a.rating = 'star5') AS star5
                FROM orgs o CROSS JOIN LATERAL unnest(o.path) AS p(code) LEFT JOIN assessments a ON a.org_code = o.code
                GROUP BY p.code) o ON o.code = n.code
            LEFT JOIN (
                SELECT p.code, count(*) AS schools, count(*) FILTER (WHERE s.covered) AS covered
                FROM schools s CROSS JOIN LATERAL unnest(s.path) AS p(code)
                GROUP BY p.code) s ON s.code = n.code;
            CREATE INDEX ON nodes (parent_code, code);

            CREATE OR REPLACE FUNCTION roll_up_assessment() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                d_assessed int := 1;
                d_compliant int := NEW.compliant::int;
                d_score numeric := NEW.total;
                d_star int[] := ARRAY[(NEW.rating = 'star1')::int, (NEW.rating = 'star2')::int, (NEW.rating = 'star3')::int,
                                      (NEW.rating = 'star4')::int, (NEW.rating = 'star5')::int];
                ancestors text[];
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    d_assessed := 0;
                    d_compliant := d_compliant - OLD.compliant::int;
                    d_score := d_score - OLD.total;
                    d_star := ARRAY[d_star[1] - (OLD.rating = 'star1')::int, d_star[2] - (OLD.rating = 'star2')::int, d_star[3] - (OLD.rating = 'star3')::int,
                                    d_star[4] - (OLD.rating = 'star4')::int, d_star[5] - (OLD.rating = 'star5')::int];
                    IF d_compliant = 0 AND d_score = 0 AND d_star = ARRAY[0, 0, 0, 0, 0] THEN
                        RETURN NULL;
                    END IF;
                END IF;

                SELECT path INTO ancestors FROM orgs WHERE code = NEW.org_code;
                FOR i IN REVERSE array_length(ancestors, 1) .. 1 LOOP
                    UPDATE rollups SET assessed = assessed + d_assessed, compliant = compliant + d_compliant, score_sum = score_sum + d_score,
                        star1 = star1 + d_star[1], star2 = star2 + d_star[2], star3 = star3 + d_star[3], star4 = star4 + d_star[4], star5 = star5 + d_star[5]
                    WHERE code = ancestors[i];
                END LOOP;
                RETURN NULL;
            END $$;
            CREATE TRIGGER assessments_roll_up AFTER INSERT OR UPDATE ON assessments FOR EACH ROW EXECUTE FUNCTION roll_up_assessment();
            ANALYZE rollups;
            """);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A dashboard page as the GROUP BY baseline serves it, from the node's and its children's rollup rows.</summary>
    public async Task<BaselinePage?> ReadPageAsync(string code)
    {
        await using var command = data.CreateCommand("""
            SELECT n.code, n.name, n.kind, n.code = $1 AS is_node, r.organisations, r.assessed, r.compliant, r.score_sum, r.members,
                   r.star1, r.star2, r.star3, r.star4, r.star5, r.schools, r.covered_schools
            FROM nodes n JOIN rollups r ON r.code = n.code
            WHERE n.code = $1 OR n.parent_code = $1
            """);
        command.Parameters.AddWithValue(code);
        await using var rows = await command.ExecuteReaderAsync();
        (string Kind, BaselineChild Summary)? node = null;
        var children = new List<BaselineChild>();
        while (await rows.ReadAsync())
        {
            var row = new BaselineChild(rows.GetString(0), rows.GetString(1), rows.GetInt32(4), rows.GetInt32(5), rows.GetInt32(6), rows.GetDecimal(7),
                (int)rows.GetInt64(8), [rows.GetInt32(9), rows.GetInt32(10), rows.GetInt32(11), rows.GetInt32(12), rows.GetInt32(13)], rows.GetInt32(14), rows.GetInt32(15));
            if (rows.GetBoolean(3))
            {
                node = (rows.GetString(2), row);
            }
            else
            {
                children.Add(row);
            }
        }

        return node is { } found ? new BaselinePage(found.Kind, found.Summary, [.. children.OrderBy(c => c.Code, StringComparer.Ordinal)]) : null;
    }

    /// <summary>Rollup rows that differ, in any field, from the same figures recomputed with GROUP BY from the assessments now.</summary>
    public async Task<long> CountRowsDifferingFromGroupByAsync()
    {
        await using var command = data.CreateCommand("""
            WITH recomputed AS (
                SELECT p.code, count(a.org_code) AS assessed, count(*) FILTER (WHERE a.compliant) AS compliant, coalesce(sum(a.total), 0) AS score_sum,
                       count(*) FILTER (WHERE a.rating = 'star1') AS star1, count(*) FILTER (WHERE a.rating = 'star2') AS star2,
                       count(*) FILTER (WHERE a.rating = 'star3') AS star3, count(*) FILTER (WHERE a.rating = 'star4') AS star4,
                       count(*) FILTER (WHERE a.rating = 'star5') AS star5
                FROM orgs o CROSS JOIN LATERAL unnest(o.path) AS p(code) LEFT JOIN assessments a ON a.org_code = o.code
                GROUP BY p.code)
            SELECT count(*) FROM rollups r LEFT JOIN recomputed c ON c.code = r.code
            WHERE (r.assessed, r.compliant, r.score_sum, r.star1, r.star2, r.star3, r.star4, r.star5)
                  IS DISTINCT FROM (coalesce(c.assessed, 0), coalesce(c.compliant, 0), coalesce(c.score_sum, 0),
                                    coalesce(c.star1, 0), coalesce(c.star2, 0), coalesce(c.star3, 0), coalesce(c.star4, 0), coalesce(c.star5, 0))
            """);
        command.CommandTimeout = 600;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
