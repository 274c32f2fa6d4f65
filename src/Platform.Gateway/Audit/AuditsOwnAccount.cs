namespace Platform.Gateway.Audit;

/// <summary>Marks a write a signed-in person makes to their own account outside the tenant's routes (changing their
/// password): the audit files it in the caller's tenant, as a write to <c>accounts/{username}</c>.</summary>
internal sealed class AuditsOwnAccount
{
    public static readonly AuditsOwnAccount Instance = new();

    private AuditsOwnAccount()
    {
    }
}
