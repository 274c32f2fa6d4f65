using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Scoring;
using Platform.Gateway.Infrastructure;

namespace Platform.Gateway.Api;

/// <summary>A new campaign. Stage deadlines are keyed by stage (selfAssessment, review, crossCheck, publicity); the
/// framework version defaults to the tenant's current one, the cross-check to 10% per city with at least one branch and
/// the cascade on, quotas to none, the seed to a random one recorded on the campaign.</summary>
/// <param name="Seed">The draw's seed as a string of decimal digits (up to 9223372036854775807), e.g. "20261124"; a JSON
/// number is refused, because JavaScript rounds integers above 2^53.</param>
public sealed record CreateCampaignRequest(
    string? Name,
    [property: Required] string? Kind,
    IReadOnlyList<string>? Scope,
    int? FrameworkVersion,
    IReadOnlyDictionary<string, DateTimeOffset>? Deadlines,
    CrossCheckPolicyDto? CrossCheck,
    QuotaPolicyDto? Quotas,
    [property: JsonConverter(typeof(SeedTextConverter))] string? Seed) : IRequestBody
{
    public IEnumerable<FieldError> NullElements() => Nulls.In(Scope, "scope");

    public (CampaignDefinition? Definition, IReadOnlyList<FieldError> Errors) ToDefinition(int currentFrameworkVersion)
    {
        var errors = new List<FieldError>();
        if (!CampaignKinds.TryParse(Kind, out var kind))
        {
            errors.Add(new("kind", $"must be one of {string.Join(", ", CampaignKinds.ApiNames)}"));
        }

        var deadlines = new Dictionary<CampaignStage, DateTimeOffset>();
        foreach (var (name, at) in Deadlines ?? new Dictionary<string, DateTimeOffset>())
        {
            if (CampaignStages.TryParse(name, out var stage))
            {
                deadlines[stage] = at;
            }
            else
            {
                errors.Add(new($"deadlines.{name}", $"is not a stage; stages are {string.Join(", ", CampaignStages.ApiNames)}"));
            }
        }

        var quotas = QuotaPolicy.None;
        if (Quotas is { } q)
        {
            var level = NodeKind.Province;
            if (q.RegionLevel is not null && !NodeKinds.TryParse(q.RegionLevel, out level))
            {
                errors.Add(new("quotas.regionLevel", "must be province, city or county"));
            }

            var shares = new List<RatingQuota>();
            foreach (var (name, share) in q.MaxShares ?? new Dictionary<string, decimal>())
            {
                if (RatingLevels.TryParse(name, out var rating))
                {
                    shares.Add(new RatingQuota(rating, share));
                }
                else
                {
                    errors.Add(new($"quotas.maxShares.{name}", "is not a rating level (star1..star5, unqualified, qualified, excellent, model)"));
                }
            }

            quotas = new QuotaPolicy(level, shares);
        }

        var defaults = CrossCheckPolicy.Default;
        var crossCheck = new CrossCheckPolicy(
            CrossCheck?.SampleRate ?? defaults.SampleRate,
            CrossCheck?.MinimumPerCity ?? defaults.MinimumPerCity,
            CrossCheck?.CascadeOnFailure ?? defaults.CascadeOnFailure);
        var seed = Random.Shared.NextInt64(1, long.MaxValue);
        if (Seed is not null && !(Seed.Length is > 0 and <= 19 && Seed.All(char.IsAsciiDigit)
            && long.TryParse(Seed, NumberStyles.None, CultureInfo.InvariantCulture, out seed)))
        {
            errors.Add(new("seed", $"must be a string of decimal digits no greater than {long.MaxValue}, e.g. \"20261124\"; leave it out for a random one"));
        }

        var definition = new CampaignDefinition(Name ?? "", kind, Scope ?? [], FrameworkVersion ?? currentFrameworkVersion,
            deadlines, crossCheck, quotas, seed);
        return errors.Count > 0 ? (null, errors) : (definition, []);
    }
}

/// <param name="SampleRate">Share of each city's submitted branches drawn, 0 to 1 (0: no cross-check sample).</param>
public sealed record CrossCheckPolicyDto(decimal? SampleRate, int? MinimumPerCity, bool? CascadeOnFailure);

/// <param name="RegionLevel">Where quotas apply: province (the whole scope), city or county.</param>
/// <param name="MaxShares">Rating level → the largest share of a region's rated branches that may hold it.</param>
public sealed record QuotaPolicyDto(string? RegionLevel, IReadOnlyDictionary<string, decimal>? MaxShares);

/// <param name="To">The next stage: selfAssessment, review, crossCheck, publicity or final.</param>
public sealed record AdvanceRequest([property: Required] string? To);

/// <summary>A branch's self-assessment: as an assessment, plus <c>evidence</c> (indicator id → a short note).</summary>
public sealed record SelfAssessmentRequest(
    IReadOnlyDictionary<string, decimal>? Scores,
    IReadOnlyDictionary<string, MeetingCountDto>? Counts,
    IReadOnlyDictionary<string, bool>? Facts,
    IReadOnlyList<string>? Vetoes,
    IReadOnlyDictionary<string, string>? Evidence) : IRequestBody
{
    public IEnumerable<FieldError> NullElements() =>
        new AssessmentRequest(Scores, Counts, Facts, Vetoes).NullElements().Concat(Nulls.In(Evidence, "evidence"));

    public SelfAssessmentInput ToInput() => new(
        new AssessmentRequest(Scores, Counts, Facts, Vetoes).ToInput(),
        Evidence ?? new Dictionary<string, string>());
}

/// <summary>A reviewer's changes: new points for some indicators, each with a reason in <c>reasons</c> (and
/// <c>reasons.vetoes</c> when <c>vetoes</c> changes). Indicators not named keep the points under review. A cross-check is
/// made as the city of the signed-in reviewer.</summary>
public sealed record ScoreChangesRequest(
    IReadOnlyDictionary<string, decimal>? Scores,
    IReadOnlyDictionary<string, string>? Reasons,
    IReadOnlyList<string>? Vetoes) : IRequestBody
{
    public IEnumerable<FieldError> NullElements() => Nulls.In(Reasons, "reasons").Concat(Nulls.In(Vetoes, "vetoes"));

    public ScoreChanges ToChanges() => new(
        Scores ?? new Dictionary<string, decimal>(), Reasons ?? new Dictionary<string, string>(), Vetoes);
}

public sealed record AppealRequestDto(IReadOnlyList<string>? Indicators, string? Reason) : IRequestBody
{
    public IEnumerable<FieldError> NullElements() => Nulls.In(Indicators, "indicators");
}

/// <summary>The decision on an appeal: upheld with corrected scores (each with a reason), or rejected. Final.</summary>
public sealed record AppealDecisionRequest(
    [property: Required] bool? Upheld,
    string? Reason,
    IReadOnlyDictionary<string, decimal>? Scores,
    IReadOnlyDictionary<string, string>? Reasons,
    IReadOnlyList<string>? Vetoes) : IRequestBody
{
    public IEnumerable<FieldError> NullElements() => Nulls.In(Reasons, "reasons").Concat(Nulls.In(Vetoes, "vetoes"));

    public AppealRuling ToRuling() => new(
        Upheld ?? false,
        new ScoreChanges(Scores ?? new Dictionary<string, decimal>(), Reasons ?? new Dictionary<string, string>(), Vetoes),
        Reason ?? "");
}
