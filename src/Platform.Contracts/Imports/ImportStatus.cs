namespace Platform.Contracts.Imports;

/// <summary>Where an import is. Today an import runs within its request, so callers only ever see it finished.</summary>
[GenerateSerializer, Alias("ImportStatus")]
public enum ImportStatus
{
    Running,
    Finished,
}
