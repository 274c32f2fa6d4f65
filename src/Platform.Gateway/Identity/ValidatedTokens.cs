using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;

namespace Platform.Gateway.Identity;

/// <summary>
/// The platform's access tokens already validated, by their exact text, until they expire: a client sends the same
/// token for up to 15 minutes, so its signature is checked once rather than on every request. Bounded in count; an
/// entry never outlives its token's <c>exp</c>. A key dropped from the configuration stops new tokens at once and
/// those already seen when they expire.
/// </summary>
public sealed class ValidatedTokens : IDisposable
{
    public const int MaxEntries = 100_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public bool TryGet(string token, out ClaimsPrincipal? principal) => _cache.TryGetValue(token, out principal);

    public void Add(string token, ClaimsPrincipal principal, DateTime validTo) =>
        _cache.Set(token, principal, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = new DateTimeOffset(validTo, TimeSpan.Zero) });

    public void Dispose() => _cache.Dispose();
}
