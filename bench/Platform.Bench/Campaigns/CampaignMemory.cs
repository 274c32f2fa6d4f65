namespace Platform.Bench.Campaigns;

/// <summary>The process after finalisation: managed heap after a full compacting collection, working set, live activations.</summary>
public sealed record CampaignMemory(long ManagedHeapBytes, long WorkingSetBytes, int Activations);
