using Platform.Domain.Identity;

namespace Platform.Domain.Tests.Identity;

public class AccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly LockoutPolicy Policy = new(5, TimeSpan.FromMinutes(15));
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private static Account NewAccount() => new("demo", "a1", "zhang", "张三", Role.Viewer, "430100", "hash", Now);

    [Fact]
    public void Four_wrong_passwords_leave_the_account_open_and_the_fifth_locks_it_for_the_policys_duration()
    {
        var account = NewAccount();
        for (var i = 0; i < 4; i++)
        {
            account = account.AfterWrongPassword(Now, Policy);
            Assert.False(account.IsLocked(Now));
        }

        account = account.AfterWrongPassword(Now, Policy);
        Assert.True(account.IsLocked(Now));
        Assert.True(account.IsLocked(Now + Policy.Duration - TimeSpan.FromSeconds(1)));
        Assert.False(account.IsLocked(Now + Policy.Duration));
    }

    [Fact]
    public void A_right_password_forgets_the_failures_before_it()
    {
        var account = NewAccount();
        for (var i = 0; i < 4; i++)
        {
            account = account.AfterWrongPassword(Now, Policy);
        }

        account = account.AfterSignIn(Session("s1", "h1"), Now).AfterWrongPassword(Now, Policy);
        Assert.Equal(1, account.FailedAttempts);
        Assert.False(account.IsLocked(Now));
    }

    [Fact]
    public void After_a_lock_expires_the_count_starts_again_from_zero()
    {
        var account = NewAccount();
        for (var i = 0; i < 5; i++)
        {
            account = account.AfterWrongPassword(Now, Policy);
        }

        var later = Now + Policy.Duration;
        account = account.AfterWrongPassword(later, Policy);
        Assert.False(account.IsLocked(later));
        Assert.Equal(1, account.FailedAttempts);
    }

    [Fact]
    public void A_refresh_swaps_the_token_and_the_old_one_no_longer_works()
    {
        var account = NewAccount().AfterSignIn(Session("s1", "h1"), Now);
        var (rotated, ok) = account.Rotate("h1", "h2", Now, Lifetime);
        Assert.True(ok);
        Assert.Equal("h2", Assert.Single(rotated.Sessions).TokenHash);

        var (_, again) = rotated.Rotate("h2", "h3", Now, Lifetime);
        Assert.True(again);
    }

    [Fact]
    public void Replaying_a_swapped_token_ends_its_session_but_not_the_others()
    {
        var account = NewAccount().AfterSignIn(Session("s1", "h1"), Now).AfterSignIn(Session("s2", "k1"), Now);
        var (rotated, _) = account.Rotate("h1", "h2", Now, Lifetime);

        var (afterReplay, ok) = rotated.Rotate("h1", "h9", Now, Lifetime);
        Assert.False(ok);
        Assert.Equal("s2", Assert.Single(afterReplay.Sessions).Id);
        Assert.False(afterReplay.Rotate("h2", "h3", Now, Lifetime).Rotated);
    }

    [Fact]
    public void An_expired_session_cannot_be_refreshed()
    {
        var account = NewAccount().AfterSignIn(Session("s1", "h1"), Now);
        Assert.False(account.Rotate("h1", "h2", Now + Lifetime + TimeSpan.FromSeconds(1), Lifetime).Rotated);
    }

    [Fact]
    public void A_new_password_or_a_suspension_ends_every_session()
    {
        var account = NewAccount().AfterSignIn(Session("s1", "h1"), Now).AfterSignIn(Session("s2", "k1"), Now);
        Assert.Empty(account.WithPassword("new-hash", mustChange: true).Sessions);
        Assert.True(account.WithPassword("new-hash", mustChange: true).MustChangePassword);
        Assert.Empty(account.WithSuspended(true).Sessions);
        Assert.Equal(account.Revision + 1, account.WithSuspended(true).Revision);
        Assert.Same(account, account.WithSuspended(false));
    }

    [Fact]
    public void Signing_out_ends_only_that_session()
    {
        var account = NewAccount().AfterSignIn(Session("s1", "h1"), Now).AfterSignIn(Session("s2", "k1"), Now);
        Assert.Equal("s2", Assert.Single(account.WithoutSession("h1").Sessions).Id);
    }

    [Fact]
    public void An_account_keeps_at_most_its_newest_sessions()
    {
        var account = NewAccount();
        for (var i = 0; i < Account.MaxSessions + 5; i++)
        {
            account = account.AfterSignIn(new RefreshSession($"s{i}", $"h{i}", null, Now.AddMinutes(i) + Lifetime), Now);
        }

        Assert.Equal(Account.MaxSessions, account.Sessions.Count);
        Assert.DoesNotContain(account.Sessions, s => s.Id == "s0");
        Assert.Contains(account.Sessions, s => s.Id == $"s{Account.MaxSessions + 4}");
    }

    private static RefreshSession Session(string id, string hash) => new(id, hash, null, Now + Lifetime);
}
