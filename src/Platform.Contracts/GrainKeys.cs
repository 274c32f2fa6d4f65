namespace Platform.Contracts;

/// <summary>
/// The one place grain keys are built. Every key starts with the tenant, so no grain of one tenant can be addressed
/// from another, and contains a '/', so the ADO.NET storage never parses a code such as "020235" as an integer key.
/// </summary>
public static class GrainKeys
{
    private const string NodeInfix = "/node/";

    public static string Tenant(string tenant) => $"{tenant}/tenant";

    public static string Framework(string tenant) => $"{tenant}/framework";

    public static string Node(string tenant, string code) => $"{tenant}{NodeInfix}{code}";

    public static (string Tenant, string Code) ParseNode(string key)
    {
        var at = key.IndexOf(NodeInfix, StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new ArgumentException($"'{key}' is not a node key", nameof(key));
        }

        return (key[..at], key[(at + NodeInfix.Length)..]);
    }

    public static string TenantOf(string key) => key[..key.IndexOf('/', StringComparison.Ordinal)];
}
