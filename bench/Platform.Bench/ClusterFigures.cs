namespace Platform.Bench;

/// <summary>The platform as a cluster: the same figures as the embedded mode, and the silos' memory.</summary>
/// <param name="Activated">Grain activations over every silo when the silos' working set was read.</param>
/// <param name="SiloWorkingSetPerActivation">The silos' working set together, grown from before the import, per activation.</param>
public sealed record ClusterFigures(SideFigures Side, int Silos, int Activated, double SiloWorkingSetPerActivation);
