using Platform.Contracts.Tenancy;

namespace Platform.Grains.Tenancy;

[GenerateSerializer, Alias("TenantState")]
public sealed record TenantState
{
    /// <summary>Null until the tenant is created.</summary>
    [Id(0)] public TenantInfo? Info { get; init; }
}
