using System.Globalization;

namespace Platform.Bench.Load;

/// <summary>Cores used, on average over a phase (1.0 = one core busy throughout) (<see cref="CpuAccounting"/>).</summary>
/// <param name="System">The system under test's processes.</param>
/// <param name="Harness">This process: the load's clients, and the baseline's web app.</param>
/// <param name="Machine">Every process on the machine, other work included.</param>
public sealed record CpuUse(double System, double Postgres, double Harness, double Machine, int Cores)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{System:F2} / {Postgres:F2} / {Harness:F2} / {Machine:F2} of {Cores}");
}
