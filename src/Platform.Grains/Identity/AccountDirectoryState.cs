using Platform.Contracts.Identity;

namespace Platform.Grains.Identity;

[GenerateSerializer, Alias("AccountDirectoryState")]
public sealed record AccountDirectoryState
{
    /// <summary>Ordered by username.</summary>
    [Id(0)] public IReadOnlyList<AccountEntry> Entries { get; init; } = [];
}
