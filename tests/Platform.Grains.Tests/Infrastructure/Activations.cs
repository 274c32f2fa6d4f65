namespace Platform.Grains.Tests.Infrastructure;

/// <summary>Whether a grain is still in the silo's memory, for tests of what a grain keeps active.</summary>
internal static class Activations
{
    /// <summary>Waits up to <paramref name="within"/> for <paramref name="grain"/> to deactivate (deactivation is
    /// asynchronous); true once it is gone.</summary>
    public static async Task<bool> GoneWithinAsync(IGrainFactory grains, IAddressable grain, TimeSpan within)
    {
        var id = grain.GetGrainId();
        var management = grains.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var active = await management.GetDetailedGrainStatistics();
            if (!active.Any(statistic => statistic.GrainId == id))
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }
    }
}
