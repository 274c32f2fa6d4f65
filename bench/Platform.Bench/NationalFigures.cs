using Platform.Bench.Load;

namespace Platform.Bench;

/// <summary>The cluster at national scale: many provinces (tenants), each with its own hierarchy, on the same silos.</summary>
/// <param name="RequestedOrganisations">The scale asked for with <c>--national</c>; <see cref="Organisations"/> is what the generator made of it.</param>
/// <param name="WorkingSetPerActivation">The silos' working sets together, grown over the import, per activation after it (the
/// import leaves every organisation, school and region it created active).</param>
/// <param name="RestartToExactSeconds">From killing every silo and the gateway until every province summary is exact again.</param>
/// <param name="ExactProvinces">Provinces whose summary, after the restart, equals the sum over their organisations read one by one.</param>
public sealed record NationalFigures(
    int Tenants, int OrganisationsPerTenant, int Organisations, int RequestedOrganisations, double ImportSeconds,
    int Activated, double WorkingSetPerActivation,
    LoadResult Deadline, CpuUse DeadlineCpu, LoadResult ReadsAlone, LoadResult ReadsMax, double RestartToExactSeconds, int ExactProvinces);
