using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Api;

/// <param name="Tenant">The tenant's id; left out (or null) for the platform operator.</param>
public sealed record SignInRequest(string? Tenant, [property: Required] string? Username, [property: Required] string? Password);

public sealed record RefreshRequest([property: Required] string? RefreshToken);

public sealed record ChangePasswordRequest([property: Required] string? CurrentPassword, [property: Required] string? NewPassword);

/// <summary>A signed-in session: a short-lived access token to send as <c>Authorization: Bearer …</c>, and a refresh
/// token that buys the next one (each refresh token works once).</summary>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
/// <param name="MustChangePassword">The account holds a one-time password: until it is changed
/// (<c>POST /api/v1/auth/password</c>) the access token is good for nothing else.</param>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, bool MustChangePassword);
