namespace Platform.Contracts.Startup;

/// <summary>Where a piece of first-start work stands: done, or held by <see cref="Holder"/> until <see cref="LeaseExpires"/>, or free.</summary>
[GenerateSerializer, Alias("FirstStartClaim")]
public sealed record FirstStartClaim(
    [property: Id(0)] bool Done,
    [property: Id(1)] string? Holder,
    [property: Id(2)] DateTimeOffset? LeaseExpires)
{
    public static FirstStartClaim Free { get; } = new(false, null, null);

    public bool IsHeldBy(string holder) => !Done && string.Equals(Holder, holder, StringComparison.Ordinal);
}
