namespace Platform.Grains.Tenancy;

[GenerateSerializer, Alias("TenantRegistryState")]
public sealed record TenantRegistryState
{
    [Id(0)] public IReadOnlyList<string> Tenants { get; init; } = [];
}
