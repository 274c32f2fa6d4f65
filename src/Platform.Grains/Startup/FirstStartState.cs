namespace Platform.Grains.Startup;

[GenerateSerializer, Alias("FirstStartState")]
public sealed record FirstStartState
{
    [Id(0)] public bool Done { get; init; }

    /// <summary>The gateway process doing the work; null when nobody is.</summary>
    [Id(1)] public string? Holder { get; init; }

    [Id(2)] public DateTimeOffset? LeaseExpires { get; init; }
}
