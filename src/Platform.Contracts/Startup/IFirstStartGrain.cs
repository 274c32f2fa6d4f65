using Orleans.Concurrency;

namespace Platform.Contracts.Startup;

/// <summary>
/// One piece of first-start work (the operator account, the demo tenant) done once per cluster, not once per gateway
/// process. A gateway claims it for a lease, renews the lease while it works, and marks it done; others wait and see it
/// done. A holder that stops renewing (it crashed) loses the claim when the lease runs out, and another takes the work
/// over. The claim is stored, so it outlives the silo that holds the grain. Keyed by <see cref="GrainKeys.FirstStart"/>.
/// </summary>
[Alias("IFirstStartGrain")]
public interface IFirstStartGrain : IGrainWithStringKey
{
    /// <summary>Claims the work for <paramref name="holder"/> (or renews its claim) unless it is done or another holds an
    /// unexpired lease. The answer says which: <see cref="FirstStartClaim.IsHeldBy"/>.</summary>
    [Alias("Claim")]
    Task<FirstStartClaim> Claim(string holder, TimeSpan lease);

    /// <summary>Marks the work done. False when <paramref name="holder"/> no longer held the claim (its lease ran out
    /// and another took the work over); the work is then the other's to finish.</summary>
    [Alias("Complete")]
    Task<bool> Complete(string holder);

    /// <summary>Gives the claim up (a holder stopping before the work is done), so another takes it at once.</summary>
    [Alias("Release")]
    Task Release(string holder);

    [Alias("Status"), ReadOnly]
    Task<FirstStartClaim> Status();
}
