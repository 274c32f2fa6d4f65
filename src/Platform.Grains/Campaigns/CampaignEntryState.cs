using Platform.Contracts.Campaigns;
using Platform.Domain.Campaigns;

namespace Platform.Grains.Campaigns;

/// <summary>What one branch's entry keeps in storage. Immutable: a new snapshot per change.</summary>
[GenerateSerializer, Alias("CampaignEntryState")]
public sealed record CampaignEntryState
{
    /// <summary>The branch's roster line, copied from the campaign on first use.</summary>
    [Id(0)] public RosterBranch? Branch { get; init; }

    [Id(1)] public int Revision { get; init; }

    [Id(2)] public Submission? SelfAssessment { get; init; }

    [Id(3)] public IReadOnlyDictionary<string, string> Evidence { get; init; } = new Dictionary<string, string>();

    [Id(4)] public Submission? Review { get; init; }

    [Id(5)] public CrossCheckRecord? CrossCheck { get; init; }

    [Id(6)] public DateTimeOffset? ReturnedAt { get; init; }

    [Id(7)] public AppealRecord? Appeal { get; init; }

    [Id(8)] public FinalResult? Final { get; init; }

    [Id(9)] public IReadOnlyList<ScoreAuditRecord> Audit { get; init; } = [];

    /// <summary>This branch failed its cross-check and has not yet sent its school's other branches back.</summary>
    [Id(10)] public bool CascadePending { get; init; }

    public bool Returned => ReturnedAt is not null;

    /// <summary>The score that stands now.</summary>
    public Submission? Result => Appeal?.Decision?.Result ?? CrossCheck?.Result ?? Review ?? SelfAssessment;
}
