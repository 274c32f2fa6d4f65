using Platform.Domain.Imports;

namespace Platform.Grains.Imports;

[GenerateSerializer, Alias("ImportRejectionsState")]
public sealed record ImportRejectionsState
{
    [Id(0)] public IReadOnlyList<ImportRejection> Rejections { get; init; } = [];
}
