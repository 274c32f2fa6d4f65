using Platform.Contracts.Framework;
using Platform.Domain.Framework;

namespace Platform.Grains.Framework;

/// <summary>Which versions a tenant has published, oldest first; the last is current. The versions themselves are
/// stored one per record by <see cref="FrameworkVersionGrain"/>.</summary>
[GenerateSerializer, Alias("FrameworkState")]
public sealed record FrameworkState
{
    /// <summary>
    /// Every version whole, as this record held them before each had its own: publishing rewrote all of them, so five
    /// large versions made every publish and every list read megabytes. Moved out when the grain activates.
    /// </summary>
    [Id(0)] public IReadOnlyList<FrameworkVersion> Versions { get; init; } = [];

    [Id(1)] public IReadOnlyList<FrameworkVersionSummary> Published { get; init; } = [];
}
