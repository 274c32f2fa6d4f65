using System.Runtime.InteropServices;

namespace Platform.Bench;

/// <summary>What the figures were measured on, for the report: they mean little without it.</summary>
public static class Machine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:N0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
}
