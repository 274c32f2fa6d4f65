using Platform.Domain.Framework;

namespace Platform.Contracts.Framework;

/// <summary>What the list of a tenant's versions shows of each: enough to choose one, a few dozen bytes instead of the whole table.</summary>
[GenerateSerializer, Immutable, Alias("FrameworkVersionSummary")]
public sealed record FrameworkVersionSummary(
    [property: Id(0)] int Version,
    [property: Id(1)] string Name,
    [property: Id(2)] RatingScheme Scheme,
    [property: Id(3)] DateTimeOffset PublishedAt)
{
    public static FrameworkVersionSummary Of(FrameworkVersion version) => new(version.Version, version.Name, version.Scheme, version.PublishedAt);
}
