using Npgsql;
using NpgsqlTypes;
using Platform.Domain.Scoring;

namespace Platform.Bench.Baseline;

/// <summary>
/// The alternative a province would otherwise buy: assessments in a table, rollups computed with SQL (GROUP BY over the
/// hierarchy) whenever a page is read. Each organisation and school row carries its path from the province, as a
/// plain app with a denormalised hierarchy would, so a page is one scan with no recursion.
/// </summary>
public sealed class BaselineDatabase(NpgsqlDataSource data)
{
    public static readonly string[] StarLevels = ["star1", "star2", "star3", "star4", "star5"];

    public async Task CreateSchemaAsync()
    {
        await using var command = data.CreateCommand("""
            DROP TABLE IF EXISTS assessments, orgs, schools, nodes;
            CREATE TABLE nodes (code text PRIMARY KEY, kind text NOT NULL, name text NOT NULL, parent_code text, depth int NOT NULL);
            CREATE INDEX ON nodes (parent_code);
            CREATE TABLE orgs (code text PRIMARY KEY, kind text NOT NULL, path text[] NOT NULL, members int NOT NULL);
            CREATE TABLE schools (code text PRIMARY KEY, path text[] NOT NULL, is_private boolean NOT NULL, covered boolean NOT NULL);
            CREATE TABLE assessments (org_code text PRIMARY KEY, total numeric(7,2) NOT NULL, rating text NOT NULL, compliant boolean NOT NULL, revision int NOT NULL, updated_at timestamptz NOT NULL);
            """);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Loads the same generated province the platform imports.</summary>
    public async Task LoadAsync(string csv)
    {
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')).ToList();
        var parentOf = rows.ToDictionary(r => r[1], r => r[3]);
        var covered = new HashSet<string>(rows.Where(r => r[0] is "jointBranch").SelectMany(r => r[7].Split(';')));
        covered.UnionWith(rows.Where(r => r[0] is "partyCommittee" or "generalBranch" or "branch").Select(r => SchoolOf(r[1], parentOf)).OfType<string>());

        static bool IsOrganisation(string[] row) => row[0] is "partyCommittee" or "generalBranch" or "branch" or "jointBranch";
        await CopyAsync("COPY nodes (code, kind, name, parent_code, depth) FROM STDIN (FORMAT BINARY)", rows, async (writer, row) =>
            await writer.WriteRowAsync(default, row[1], row[0], row[2], row[3].Length == 0 ? null : row[3], PathOf(row[1], parentOf).Length));
        await CopyAsync("COPY orgs (code, kind, path, members) FROM STDIN (FORMAT BINARY)", rows.Where(IsOrganisation), async (writer, row) =>
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(row[1]);
            await writer.WriteAsync(row[0]);
            await writer.WriteAsync(PathOf(row[1], parentOf), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(row[8].Length == 0 ? 0 : int.Parse(row[8], System.Globalization.CultureInfo.InvariantCulture));
        });
        await CopyAsync("COPY schools (code, path, is_private, covered) FROM STDIN (FORMAT BINARY)", rows.Where(r => r[0] == "school"), async (writer, row) =>
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(row[1]);
            await writer.WriteAsync(PathOf(row[1], parentOf), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await writer.WriteAsync(row[5] == "private");
            await writer.WriteAsync(covered.Contains(row[1]));
        });

        await using var analyze = data.CreateCommand("ANALYZE");
        await analyze.ExecuteNonQueryAsync();
    }

    private async Task CopyAsync(string copy, IEnumerable<string[]> rows, Func<NpgsqlBinaryImporter, string[], Task> write)
    {
        await using var connection = await data.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await write(writer, row);
        }

        await writer.CompleteAsync();
    }

    public async Task<int> UpsertAsync(string code, Assessment assessment)
    {
        await using var command = data.CreateCommand("""
            INSERT INTO assessments (org_code, total, rating, compliant, revision, updated_at) VALUES ($1, $2, $3, $4, 1, now())
            ON CONFLICT (org_code) DO UPDATE SET total = excluded.total, rating = excluded.rating, compliant = excluded.compliant,
                revision = assessments.revision + 1, updated_at = now()
            RETURNING revision
            """);
        command.Parameters.AddWithValue(code);
        command.Parameters.AddWithValue(assessment.Total);
        command.Parameters.AddWithValue(assessment.Rating.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue(assessment.Compliant);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A dashboard page: the node and its children, each child's rollup computed from the rows now.</summary>
    public async Task<BaselinePage?> ReadPageAsync(string code)
    {
        await using var connection = await data.OpenConnectionAsync();
        await using var node = new NpgsqlCommand("SELECT kind, name, depth FROM nodes WHERE code = $1", connection) { Parameters = { new() { Value = code } } };
        await using var reader = await node.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var (kind, name, depth) = (reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
        await reader.CloseAsync();

        var children = new Dictionary<string, BaselineChild>();
        await using (var orgs = new NpgsqlCommand("""
            SELECT o.path[$2 + 1], count(*), count(a.org_code), count(*) FILTER (WHERE a.compliant), coalesce(sum(a.total), 0), sum(o.members),
                   count(*) FILTER (WHERE a.rating = 'star1'), count(*) FILTER (WHERE a.rating = 'star2'), count(*) FILTER (WHERE a.rating = 'star3'),
                   count(*) FILTER (WHERE a.rating = 'star4'), count(*) FILTER (WHERE a.rating = 'star5')
            FROM orgs o LEFT JOIN assessments a ON a.org_code = o.code
            WHERE o.path[$2] = $1
            GROUP BY 1
            """, connection) { Parameters = { new() { Value = code }, new() { Value = depth } } })
        await using (var rows = await orgs.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                var ratings = Enumerable.Range(6, 5).Select(i => (int)rows.GetInt64(i)).ToArray();
                children[rows.GetString(0)] = new BaselineChild(rows.GetString(0), "", (int)rows.GetInt64(1), (int)rows.GetInt64(2), (int)rows.GetInt64(3), rows.GetDecimal(4), (int)rows.GetInt64(5), ratings, 0, 0);
            }
        }

        await using (var schools = new NpgsqlCommand("""
            SELECT s.path[$2 + 1], count(*), count(*) FILTER (WHERE s.covered) FROM schools s WHERE s.path[$2] = $1 GROUP BY 1
            """, connection) { Parameters = { new() { Value = code }, new() { Value = depth } } })
        await using (var rows = await schools.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                var child = rows.GetString(0);
                var counts = ((int)rows.GetInt64(1), (int)rows.GetInt64(2));
                children[child] = children.TryGetValue(child, out var known)
                    ? known with { Schools = counts.Item1, CoveredSchools = counts.Item2 }
                    : new BaselineChild(child, "", 0, 0, 0, 0, 0, new int[5], counts.Item1, counts.Item2);
            }
        }

        await using (var names = new NpgsqlCommand("SELECT code, name FROM nodes WHERE parent_code = $1", connection) { Parameters = { new() { Value = code } } })
        await using (var rows = await names.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                if (children.TryGetValue(rows.GetString(0), out var child))
                {
                    children[child.Code] = child with { Name = rows.GetString(1) };
                }
            }
        }

        var list = children.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var total = new BaselineChild(code, name, list.Sum(c => c.Organisations), list.Sum(c => c.Assessed), list.Sum(c => c.Compliant),
            list.Sum(c => c.ScoreSum), list.Sum(c => c.Members), Enumerable.Range(0, 5).Select(i => list.Sum(c => c.Ratings[i])).ToArray(),
            list.Sum(c => c.Schools), list.Sum(c => c.CoveredSchools));
        return new BaselinePage(kind, total, list);
    }

    private static string[] PathOf(string code, Dictionary<string, string> parentOf)
    {
        var path = new List<string>();
        for (var at = code; at.Length > 0; at = parentOf.GetValueOrDefault(at, ""))
        {
            path.Add(at);
        }

        path.Reverse();
        return [.. path];
    }

    private static string? SchoolOf(string code, Dictionary<string, string> parentOf) =>
        PathOf(code, parentOf).FirstOrDefault(c => c.Length == 10 && c.All(char.IsAsciiDigit));
}

public sealed record BaselineChild(string Code, string Name, int Organisations, int Assessed, int Compliant, decimal ScoreSum, int Members, int[] Ratings, int Schools, int CoveredSchools);

public sealed record BaselinePage(string Kind, BaselineChild Summary, IReadOnlyList<BaselineChild> Children);
