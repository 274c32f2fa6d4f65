namespace Platform.Gateway.Imports;

/// <summary>The formats an import reads.</summary>
internal enum ImportFileFormat
{
    Csv,
    Xlsx,
}
