namespace Platform.Domain.Framework;

/// <summary>一票否决: an event that caps the rating at <see cref="Cap"/> whatever the points, and makes the branch non-compliant.</summary>
[GenerateSerializer, Immutable, Alias("VetoItem")]
public sealed record VetoItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] RatingLevel Cap);
