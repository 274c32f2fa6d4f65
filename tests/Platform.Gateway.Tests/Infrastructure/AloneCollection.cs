namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// Tests that measure this process's managed heap run alone: the heap is the whole test process's, and other test
/// classes allocating beside them would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
