using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;

namespace Platform.Domain.Campaigns;

/// <summary>
/// The quotas (名额) of a campaign and the regions they are counted in: <see cref="NodeKind.Province"/> makes the whole campaign
/// scope one pool, <see cref="NodeKind.City"/> or <see cref="NodeKind.County"/> gives each city or county its own seats, so a
/// strong region cannot take the seats of a weak one.
/// </summary>
[GenerateSerializer, Immutable, Alias("QuotaPolicy")]
public sealed record QuotaPolicy([property: Id(0)] NodeKind RegionLevel, [property: Id(1)] IReadOnlyList<RatingQuota> Quotas)
{
    /// <summary>No level is capped: everyone keeps what they earned.</summary>
    public static QuotaPolicy None { get; } = new(NodeKind.Province, []);

    public IReadOnlyList<FieldError> Validate(RatingScheme scheme, string fieldPrefix)
    {
        var errors = new List<FieldError>();
        if (RegionLevel is not (NodeKind.Province or NodeKind.City or NodeKind.County))
        {
            errors.Add(new(FieldPath.Join(fieldPrefix, "regionLevel"), "must be province, city or county"));
        }

        var seen = new HashSet<RatingLevel>();
        for (var i = 0; i < Quotas.Count; i++)
        {
            var quota = Quotas[i];
            var field = FieldPath.Join(fieldPrefix, $"quotas[{i}]");
            if (!Enum.IsDefined(quota.Level) || quota.Level.Scheme() != scheme)
            {
                errors.Add(new($"{field}.level", $"must be a level of the {scheme.ToApiName()} scheme"));
            }
            else if (quota.Level == RatingLevels.Lowest(scheme))
            {
                // Branches squeezed out of every capped level land on the lowest one, so it has to take everyone.
                errors.Add(new($"{field}.level", $"'{quota.Level.ToApiName()}' is the lowest level and cannot be capped"));
            }
            else if (!seen.Add(quota.Level))
            {
                errors.Add(new($"{field}.level", $"'{quota.Level.ToApiName()}' already has a quota"));
            }

            if (quota.MaxShare < 0m || quota.MaxShare > 1m)
            {
                errors.Add(new($"{field}.maxShare", "must be between 0 and 1"));
            }
        }

        return errors;
    }
}
