using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.Contracts;
using Platform.Contracts.Identity;

namespace Platform.Gateway.Identity;

/// <summary>
/// The tenants' external providers, read from their grains at most every <see cref="Refresh"/>, and one
/// <see cref="ConfigurationManager{T}"/> per authority, which caches its discovery document and keys (JWKS) and fetches
/// them again when a token names a key it does not know.
/// </summary>
public sealed class ExternalProviders(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (ExternalProvider? Provider, DateTimeOffset ReadAt)> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _authorities = new(StringComparer.Ordinal);

    public async ValueTask<ExternalProvider?> ForTenantAsync(string tenant)
    {
        if (_tenants.TryGetValue(tenant, out var cached) && time.GetUtcNow() - cached.ReadAt < Refresh)
        {
            return cached.Provider;
        }

        var provider = await grains.GetGrain<IExternalProviderGrain>(GrainKeys.ExternalProvider(tenant)).Get();
        _tenants[tenant] = (provider, time.GetUtcNow());
        return provider;
    }

    /// <summary>Forgets a tenant's provider after this gateway changed it.</summary>
    public void Forget(string tenant) => _tenants.TryRemove(tenant, out _);

    public ConfigurationManager<OpenIdConnectConfiguration> Discovery(string authority) =>
        _authorities.GetOrAdd(authority, static address => new ConfigurationManager<OpenIdConnectConfiguration>(
            $"{address.TrimEnd('/')}/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever { RequireHttps = !IsLoopback(address) }));

    /// <summary>Plain HTTP only on this machine (a provider under test); anywhere else the keys must come over TLS.</summary>
    public static bool IsLoopback(string authority) => Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
