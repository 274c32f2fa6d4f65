using Platform.Domain.Framework;

namespace Platform.Grains.Framework;

[GenerateSerializer, Alias("FrameworkVersionState")]
public sealed record FrameworkVersionState
{
    /// <summary>Null until the framework grain stores the version.</summary>
    [Id(0)] public FrameworkVersion? Version { get; init; }
}
