using Platform.Domain.Identity;

namespace Platform.Grains.Identity;

[GenerateSerializer, Alias("AccountState")]
public sealed record AccountState
{
    /// <summary>Null until the account is created.</summary>
    [Id(0)] public Account? Account { get; init; }
}
