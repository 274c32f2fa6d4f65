using Orleans.Concurrency;
using Platform.Domain.Imports;

namespace Platform.Contracts.Imports;

/// <summary>
/// One chunk of an import's rejections, keyed by <see cref="GrainKeys.ImportRejections"/>: written once, read when
/// someone downloads them. Activations do not linger, so stored rejections cost memory only while they are moved.
/// </summary>
[Alias("IImportRejectionsGrain")]
public interface IImportRejectionsGrain : IGrainWithStringKey
{
    [Alias("Write")]
    Task Write(IReadOnlyList<ImportRejection> rejections);

    [Alias("Read"), ReadOnly]
    Task<IReadOnlyList<ImportRejection>> Read();

    [Alias("Clear")]
    Task Clear();
}
