namespace Platform.Gateway.Hosting;

/// <summary>Where the gateway's grains live (<c>Platform:Gateway:Mode</c>).</summary>
public enum GatewayMode
{
    /// <summary>The default: a silo in this process (one command, SQLite or PostgreSQL).</summary>
    Embedded,

    /// <summary>An Orleans client of silo hosts (src/Platform.Silo) elsewhere: no silo, no storage, no migration here.</summary>
    Client,
}
