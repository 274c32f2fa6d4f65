using Npgsql;

namespace Platform.Hosting.Tests.PostgreSql;

/// <summary>What a test reads straight from PostgreSQL, past the providers, to see what they stored.</summary>
internal static class PostgresQueries
{
    /// <summary>The first column of every row <paramref name="sql"/> returns, as invariant text.</summary>
    public static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }
}
