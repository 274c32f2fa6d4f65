using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Identity;

/// <summary>
/// <c>initial-credentials.json</c> beside the database: the passwords the platform generated on its first start (the
/// operator; with the demo, its tenant admin and one account per role), readable by the owner alone, like Jenkins'
/// initialAdminPassword. Nothing else ever holds these passwords: the accounts keep only hashes, and no log prints them.
/// </summary>
public sealed class InitialCredentials(string path)
{
    public const string FileName = "initial-credentials.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Path { get; } = path;

    /// <summary>Adds accounts to the file, keeping those already in it.</summary>
    public async Task AddAsync(IReadOnlyList<InitialCredential> accounts)
    {
        await _gate.WaitAsync();
        try
        {
            var file = File.Exists(Path)
                ? JsonSerializer.Deserialize<InitialCredentialsFile>(await File.ReadAllTextAsync(Path), Json) ?? InitialCredentialsFile.Empty
                : InitialCredentialsFile.Empty;
            var merged = file with { Accounts = [.. file.Accounts, .. accounts] };
            OwnerOnlyFile.WriteNew(Path, JsonSerializer.Serialize(merged, Json));
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <param name="Tenant">Null for the operator.</param>
public sealed record InitialCredential(string? Tenant, string Username, string Password, string Role, string? ScopeCode, string DisplayName);

public sealed record InitialCredentialsFile(string About, IReadOnlyList<InitialCredential> Accounts)
{
    public static InitialCredentialsFile Empty { get; } = new(
        "Generated on the first start. Sign in with POST /api/v1/auth/sign-in {\"tenant\", \"username\", \"password\"} (no tenant for the operator). "
        + "Keep these passwords somewhere safe, change them (POST /api/v1/auth/password), then delete this file: a restart never writes them again.",
        []);
}
