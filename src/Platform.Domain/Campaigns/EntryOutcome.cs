namespace Platform.Domain.Campaigns;

/// <summary>What a command made of a <see cref="CampaignEntry"/>: the entry after it, or the unchanged entry and why it
/// was refused.</summary>
public sealed record EntryOutcome(CampaignEntry Entry, Refusal? Refusal)
{
    public bool Succeeded => Refusal is null;
}
