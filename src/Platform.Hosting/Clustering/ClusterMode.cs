namespace Platform.Hosting.Clustering;

/// <summary>How silos find each other (<c>Platform:Cluster:Mode</c>).</summary>
public enum ClusterMode
{
    /// <summary>The embedded default: one silo on the loopback interface, no membership table.</summary>
    Localhost,

    /// <summary>Membership in the PostgreSQL database (Orleans ADO.NET clustering); needs <c>Platform:Storage:Mode=PostgreSql</c>.</summary>
    AdoNet,
}
