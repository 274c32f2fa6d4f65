using Microsoft.Extensions.Configuration;
using Platform.Hosting.Clustering;
using Platform.Hosting.Sqlite;
using Platform.Hosting.Storage;

namespace Platform.Hosting;

/// <summary>The <c>Platform</c> configuration section (appsettings.json, environment <c>Platform__…</c>, or <c>--Platform:…</c>).</summary>
public sealed class PlatformSettings
{
    public const string Section = "Platform";

    public string ClusterId { get; set; } = "platform";

    /// <summary>Part of every stored row's key: changing it hides existing data.</summary>
    public string ServiceId { get; set; } = "platform";

    public StorageSettings Storage { get; set; } = new();

    public ClusterSettings Cluster { get; set; } = new();

    public SqliteSettings Sqlite { get; set; } = new();

    public static PlatformSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<PlatformSettings>() ?? new PlatformSettings();
}
