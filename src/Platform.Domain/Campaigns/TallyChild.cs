namespace Platform.Domain.Campaigns;

/// <summary>A child's campaign tally as its parent holds it, at a version that only grows (see <see cref="CampaignLedger"/>).</summary>
/// <param name="IsBranch">A branch's own tally rather than a school's or region's sum: a laggard list ends here.</param>
[GenerateSerializer, Immutable, Alias("TallyChild")]
public sealed record TallyChild(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] bool IsBranch,
    [property: Id(3)] long Version,
    [property: Id(4)] CampaignTally Tally)
{
    /// <summary>What a parent holds for a child it has not heard from: a branch that has done nothing yet, or an
    /// empty subtree until the child's first report or probe.</summary>
    public static TallyChild Placeholder(string code, string name, bool isBranch) =>
        new(code, name, isBranch, 0, isBranch ? CampaignTally.Pending : CampaignTally.Zero);
}
