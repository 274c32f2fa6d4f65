namespace Platform.Domain.Identity;

/// <summary>What a sign-in or refresh attempt came to. Everything but <see cref="Accepted"/> issues no token.</summary>
public enum SignInVerdict
{
    Accepted,

    /// <summary>Unknown tenant, unknown account or wrong password: one answer for all three, so none can be told apart.</summary>
    Refused,

    /// <summary>Too many wrong passwords; says nothing about whether this one was right.</summary>
    Locked,

    /// <summary>The password was right but the account is suspended (停用).</summary>
    Suspended,
}
