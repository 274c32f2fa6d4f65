using System.Globalization;
using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Api;

/// <param name="Seed">The seed of the cross-region draw, as a string of decimal digits: a 64-bit number does not survive
/// a JSON number in JavaScript.</param>
public sealed record CampaignDto(
    string Id,
    string Name,
    string Kind,
    string KindName,
    IReadOnlyList<string> Scope,
    int FrameworkVersion,
    string Stage,
    string StageName,
    string? NextStage,
    IReadOnlyDictionary<string, DateTimeOffset> Deadlines,
    CrossCheckPolicyDto CrossCheck,
    QuotaPolicyDto Quotas,
    string Seed,
    IReadOnlyList<StageTransitionDto> History,
    int Branches,
    int Sampled,
    bool AppealsClosed,
    bool Finalising,
    int Finalised)
{
    public static CampaignDto From(CampaignView view)
    {
        var d = view.Definition;
        return new CampaignDto(
            view.Id, d.Name, d.Kind.ToApiName(), d.Kind.ToChinese(), d.Scope, d.FrameworkVersion,
            view.Stage.ToApiName(), view.Stage.ToChinese(), view.Stage.Next()?.ToApiName(),
            d.Deadlines.ToDictionary(p => p.Key.ToApiName(), p => p.Value),
            new CrossCheckPolicyDto(d.CrossCheck.SampleRate, d.CrossCheck.MinimumPerCity, d.CrossCheck.CascadeOnFailure),
            new QuotaPolicyDto(d.Quotas.RegionLevel.ToApiName(), d.Quotas.Quotas.ToDictionary(q => q.Level.ToApiName(), q => q.MaxShare)),
            d.Seed.ToString(CultureInfo.InvariantCulture),
            view.History.Select(h => new StageTransitionDto(h.Stage.ToApiName(), h.At, h.Actor)).ToArray(),
            view.Branches, view.Sampled, view.AppealsClosed, view.Finalising, view.Finalised);
    }
}

public sealed record StageTransitionDto(string Stage, DateTimeOffset At, string Actor);

public sealed record CampaignSummaryDto(string Id, string Name, string Kind, string Stage, DateTimeOffset CreatedAt)
{
    public static CampaignSummaryDto From(CampaignSummary s) => new(s.Id, s.Name, s.Kind.ToApiName(), s.Stage.ToApiName(), s.CreatedAt);
}
