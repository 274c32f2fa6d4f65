using System.Text;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;
using Platform.Domain.Text;
using Platform.Gateway.Imports;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Identity;

/// <summary>
/// One branch secretary (支部书记) per branch of a region, from CSV (<c>branchCode,username,displayName</c>, UTF-8, columns
/// in any order): each row becomes an account with a one-time password, or is rejected with its line number and why.
/// Rows are independent, so a bad row never stops the good ones, and a file sent again creates nothing twice.
/// </summary>
public sealed class SecretaryBatch(AccountProvisioning provisioning, AccountAuthority authority)
{
    /// <summary>More than the branches of any one city; a province sends a file per region.</summary>
    public const int MaxRows = 5_000;

    private static readonly string[] Columns = ["branchCode", "username", "displayName"];

    /// <returns>The rows' results, or why the file as a whole cannot be read.</returns>
    internal async Task<(IReadOnlyList<SecretaryRow>? Rows, string? Problem)> CreateAsync(
        Caller caller, string tenant, TextReader text, CancellationToken cancellationToken)
    {
        using var reader = new CsvRecordReader(text);
        var header = await reader.ReadAsync(16, cancellationToken);
        var positions = Columns.ToDictionary(c => c, c => header?.Cells.ToList().FindIndex(h => string.Equals(h.Trim().TrimStart('\uFEFF'), c, StringComparison.OrdinalIgnoreCase)) ?? -1);
        if (positions.Values.Any(p => p < 0))
        {
            return (null, $"needs a header naming the columns {string.Join(", ", Columns)} (in any order)");
        }

        var rows = new List<SecretaryRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(16, cancellationToken) is { } record)
        {
            if (rows.Count == MaxRows)
            {
                return (null, $"holds more than {MaxRows} rows; send a file per region");
            }

            string Cell(string column) => positions[column] < record.Cells.Count ? record.Cells[positions[column]].Trim() : "";
            var (branch, username, displayName) = (Cell("branchCode"), Cell("username"), Cell("displayName"));
            var reason = record.Malformed
                ?? (branch.Length == 0 ? "branchCode is required" : null)
                ?? (Usernames.Problem(username) is { } u ? $"username {u}" : null)
                ?? (TextRules.Problem(displayName, Grains.Identity.AccountGrain.MaxDisplayNameLength) is { } d ? $"displayName {d}" : null)
                ?? (!seen.Add(Usernames.Normalise(username)) ? "username appears on an earlier line of this file" : null)
                ?? await authority.RefusalAsync(caller, tenant, Role.BranchSecretary, branch);
            if (reason is not null)
            {
                rows.Add(SecretaryRow.Rejected(record.Line, branch, username, reason));
                continue;
            }

            var created = await provisioning.CreateAsync(tenant, new AccountDraft(username, displayName, Role.BranchSecretary, branch), mustChangePassword: true);
            rows.Add(created.Succeeded
                ? new SecretaryRow(record.Line, branch, created.Value!.Account.Username, "created", created.Value.Password, null)
                : SecretaryRow.Rejected(record.Line, branch, username, created.Detail ?? created.Failure.ToString()));
        }

        return (rows, null);
    }
}

/// <param name="OneTimePassword">Shown once, for the administrator to hand over; the person changes it at first sign-in.</param>
public sealed record SecretaryRow(int Line, string BranchCode, string Username, string Status, string? OneTimePassword, string? Reason)
{
    public static SecretaryRow Rejected(int line, string branch, string username, string reason) => new(line, branch, username, "rejected", null, reason);
}

/// <summary>The answer to a batch: counts, and every row in file order.</summary>
public sealed record SecretaryBatchDto(int Created, int Rejected, IReadOnlyList<SecretaryRow> Rows);
