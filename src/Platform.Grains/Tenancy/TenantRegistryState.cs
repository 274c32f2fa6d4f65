namespace Platform.Grains.Tenancy;

[GenerateSerializer, Alias("TenantRegistryState")]
public sealed record TenantRegistryState
{
    [Id(0)] public IReadOnlyList<string> Tenants { get; init; } = [];

    /// <summary>The tenants whose people can read and write nothing until the operator resumes them.</summary>
    [Id(1)] public IReadOnlyList<string> Suspended { get; init; } = [];
}
