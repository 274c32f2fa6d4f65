using System.Net.Http.Json;
using System.Text.Json;
using Platform.Domain.Identity;

namespace Platform.Bench.SignIn;

/// <summary>
/// One account signed in over HTTP, as a client would: it signs in on first use, refreshes its access token a minute
/// before it expires, and, when the account holds a one-time password, changes it to a new random one first.
/// </summary>
public sealed class Session(HttpClient auth, string? tenant, string username, string password)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _password = password;
    private string? _accessToken;
    private string? _refreshToken;
    private DateTimeOffset _expiresAt;

    public string? Tenant { get; } = tenant;

    public string Username { get; } = username;

    /// <summary>The password the account has now (a one-time password is replaced on first use).</summary>
    public string Password => _password;

    public async Task<string> AccessTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_accessToken is { } current && DateTimeOffset.UtcNow < _expiresAt - Margin)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_accessToken is { } again && DateTimeOffset.UtcNow < _expiresAt - Margin)
            {
                return again;
            }

            var tokens = _refreshToken is { } refresh
                ? await PostAsync("/api/v1/auth/refresh", new { refreshToken = refresh }, cancellationToken)
                : null;
            tokens ??= await SignInAsync(cancellationToken);
            Keep(tokens.Value);
            return _accessToken!;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<JsonElement> SignInAsync(CancellationToken cancellationToken)
    {
        var tokens = await PostAsync("/api/v1/auth/sign-in", new { tenant = Tenant, username = Username, password = _password }, cancellationToken)
            ?? throw new InvalidOperationException($"'{Username}' of '{Tenant ?? "(operator)"}' could not sign in");
        if (!tokens.GetProperty("mustChangePassword").GetBoolean())
        {
            return tokens;
        }

        var next = PasswordPolicy.Generate();
        using var change = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/password")
        {
            Content = JsonContent.Create(new { currentPassword = _password, newPassword = next }),
        };
        change.Headers.Authorization = new("Bearer", tokens.GetProperty("accessToken").GetString());
        using var changed = await auth.SendAsync(change, cancellationToken);
        changed.EnsureSuccessStatusCode();
        _password = next;
        return await changed.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    private async Task<JsonElement?> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await auth.PostAsJsonAsync(path, body, cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken) : null;
    }

    private void Keep(JsonElement tokens)
    {
        _accessToken = tokens.GetProperty("accessToken").GetString();
        _refreshToken = tokens.GetProperty("refreshToken").GetString();
        _expiresAt = DateTimeOffset.UtcNow.AddSeconds(tokens.GetProperty("expiresIn").GetInt32());
    }
}
