using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Gateway.Identity;

/// <summary>
/// The keys of the platform's access tokens (RS256; RSA verification is cheap, and every request verifies once).
/// <para>
/// The embedded mode keeps its key in a file beside the database, <c>signing-key.pem</c>, readable by its owner only,
/// rather than in the database: the key is the gateway's secret, not grain data, so a database copied for a bug
/// report or restored elsewhere carries no means to forge tokens, and the file is exactly what the cluster mode's
/// configuration (<see cref="AuthOptions.SigningKeys"/>) replaces. Its key id is its RFC 7638 thumbprint.
/// </para>
/// </summary>
public sealed class SigningKeys
{
    public const string FileName = "signing-key.pem";

    private SigningKeys(SigningCredentials credentials, IReadOnlyList<SecurityKey> validation, string source)
    {
        Credentials = credentials;
        Validation = validation;
        Source = source;
    }

    /// <summary>What signs new tokens.</summary>
    public SigningCredentials Credentials { get; }

    /// <summary>Every key a token may be signed with.</summary>
    public IReadOnlyList<SecurityKey> Validation { get; }

    /// <summary>Where the keys came from, for the start-up log (never the keys themselves).</summary>
    public string Source { get; }

    public static SigningKeys Load(AuthOptions options, string folder) =>
        options.SigningKeys.Count > 0 ? FromConfiguration(options.SigningKeys) : FromFile(Path.Combine(folder, FileName));

    private static SigningKeys FromConfiguration(IReadOnlyList<SigningKeySetting> settings)
    {
        var keys = new List<(RsaSecurityKey Key, bool Private)>();
        foreach (var (setting, index) in settings.Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(setting.Id) || string.IsNullOrWhiteSpace(setting.Pem))
            {
                throw new InvalidOperationException($"{AuthOptions.Section}:SigningKeys:{index} needs an Id and a Pem");
            }

            var rsa = RSA.Create();
            rsa.ImportFromPem(setting.Pem);
            keys.Add((new RsaSecurityKey(rsa) { KeyId = setting.Id }, setting.Pem.Contains("PRIVATE KEY", StringComparison.Ordinal)));
        }

        var signing = keys.FirstOrDefault(k => k.Private).Key
            ?? throw new InvalidOperationException($"none of {AuthOptions.Section}:SigningKeys holds a private key to sign with");
        return new SigningKeys(new SigningCredentials(signing, SecurityAlgorithms.RsaSha256), keys.Select(k => (SecurityKey)k.Key).ToList(),
            $"{keys.Count} key(s) from configuration, signing with '{signing.KeyId}'");
    }

    private static SigningKeys FromFile(string path)
    {
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Gateways sharing the folder may start together: the first key written is everyone's.
            if (!OwnerOnlyFile.TryWriteFirst(path, rsa.ExportPkcs8PrivateKeyPem()))
            {
                rsa.ImportFromPem(File.ReadAllText(path));
            }
        }

        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return new SigningKeys(new SigningCredentials(key, SecurityAlgorithms.RsaSha256), [key], $"{path} (key id {key.KeyId})");
    }
}
