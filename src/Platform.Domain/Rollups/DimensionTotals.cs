using Platform.Domain.Framework;

namespace Platform.Domain.Rollups;

/// <summary>Points per 五化 dimension: one branch's scores, or sums over a subtree. Decimal, so sums stay exact.</summary>
[GenerateSerializer, Immutable, Alias("DimensionTotals")]
public readonly record struct DimensionTotals(
    [property: Id(0)] decimal Setup,
    [property: Id(1)] decimal OrganisationalLife,
    [property: Id(2)] decimal Management,
    [property: Id(3)] decimal Institutions,
    [property: Id(4)] decimal Facilities,
    [property: Id(5)] decimal Bonus)
{
    public static DimensionTotals Zero => default;

    public decimal Sum => Setup + OrganisationalLife + Management + Institutions + Facilities + Bonus;

    public decimal this[Dimension dimension] => dimension switch
    {
        Dimension.Setup => Setup,
        Dimension.OrganisationalLife => OrganisationalLife,
        Dimension.Management => Management,
        Dimension.Institutions => Institutions,
        Dimension.Facilities => Facilities,
        Dimension.Bonus => Bonus,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    public DimensionTotals With(Dimension dimension, decimal value) => dimension switch
    {
        Dimension.Setup => this with { Setup = value },
        Dimension.OrganisationalLife => this with { OrganisationalLife = value },
        Dimension.Management => this with { Management = value },
        Dimension.Institutions => this with { Institutions = value },
        Dimension.Facilities => this with { Facilities = value },
        Dimension.Bonus => this with { Bonus = value },
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    public static DimensionTotals operator +(DimensionTotals a, DimensionTotals b) => new(
        a.Setup + b.Setup, a.OrganisationalLife + b.OrganisationalLife, a.Management + b.Management,
        a.Institutions + b.Institutions, a.Facilities + b.Facilities, a.Bonus + b.Bonus);

    public static DimensionTotals operator -(DimensionTotals a, DimensionTotals b) => new(
        a.Setup - b.Setup, a.OrganisationalLife - b.OrganisationalLife, a.Management - b.Management,
        a.Institutions - b.Institutions, a.Facilities - b.Facilities, a.Bonus - b.Bonus);
}
