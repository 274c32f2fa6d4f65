using Platform.Domain.Framework;

namespace Platform.Grains.Framework;

/// <summary>Every version a tenant has published, oldest first; the last is current.</summary>
[GenerateSerializer, Alias("FrameworkState")]
public sealed record FrameworkState
{
    [Id(0)] public IReadOnlyList<FrameworkVersion> Versions { get; init; } = [];
}
