namespace Platform.Gateway.Identity;

/// <summary><c>Platform:Auth</c>: the platform's access tokens and the keys that sign them.</summary>
public sealed class AuthOptions
{
    public const string Section = "Platform:Auth";

    /// <summary>The tokens' <c>iss</c>; validation accepts no other.</summary>
    public string Issuer { get; set; } = "platform";

    /// <summary>The tokens' <c>aud</c>; validation accepts no other.</summary>
    public string Audience { get; set; } = "platform-api";

    /// <summary>Short, so a suspended account or tenant cannot go on for long on a token it already holds.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Keys from configuration (the cluster mode, where several gateways must share them): the first with a private key
    /// signs, every one validates, so a key can be rotated by putting the new one first and dropping the old one once
    /// the tokens it signed have expired. Empty (the embedded mode): the gateway generates a key on its first start and
    /// keeps it beside the database.
    /// </summary>
    public List<SigningKeySetting> SigningKeys { get; set; } = [];

    /// <summary>
    /// Where the gateway keeps <c>signing-key.pem</c> (when no <see cref="SigningKeys"/> are configured) and writes
    /// <c>initial-credentials.json</c> on the cluster's first start. Empty: the SQLite database's folder (the embedded
    /// mode). The client mode needs it or <see cref="SigningKeys"/>: gateways that each made up a key would refuse one
    /// another's tokens, so they share a folder (the first to start writes the key, the others read it) or the keys.
    /// </summary>
    public string? Folder { get; set; }
}

/// <summary>One configured key: its id (the tokens' <c>kid</c>) and its PEM (an RSA private key, or a public key that
/// only validates).</summary>
public sealed class SigningKeySetting
{
    public string Id { get; set; } = "";

    public string Pem { get; set; } = "";
}
