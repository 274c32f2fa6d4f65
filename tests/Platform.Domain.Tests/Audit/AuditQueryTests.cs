using Platform.Domain.Audit;

namespace Platform.Domain.Tests.Audit;

public sealed class AuditQueryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 9, 30, 12, 0, 0, TimeSpan.FromHours(8));

    private static AuditEntry Line(
        string actor = "u1", string name = "张三", string target = "orgs/9430102001-01", string? node = "9430102001-01",
        string[]? ancestry = null, DateTimeOffset? at = null) =>
        new(0, at ?? Noon, actor, name, "tenantAdmin", "AssessmentPut", target, node,
            ancestry ?? ["430000", "430100", "430102", "9430102001", "9430102001-00", "9430102001-01"], 200, null, "star4 88");

    [Fact]
    public void An_actor_filter_matches_the_account_id_or_the_username_exactly()
    {
        Assert.True(new AuditQuery(Actor: "u1").Matches(Line()));
        Assert.True(new AuditQuery(Actor: "张三").Matches(Line()));
        Assert.False(new AuditQuery(Actor: "u").Matches(Line()));
        Assert.False(new AuditQuery(Actor: "张").Matches(Line()));
    }

    [Fact]
    public void A_target_filter_matches_a_whole_path_a_prefix_ending_at_a_slash_or_the_node_code()
    {
        var entry = Line(target: "campaigns/c1/branches/9430102001-01");
        Assert.True(new AuditQuery(Target: "campaigns/c1").Matches(entry));
        Assert.True(new AuditQuery(Target: "campaigns/c1/branches/9430102001-01").Matches(entry));
        Assert.True(new AuditQuery(Target: "9430102001-01").Matches(entry));
        Assert.False(new AuditQuery(Target: "campaigns/c").Matches(entry));
        Assert.False(new AuditQuery(Target: "campaigns/c10").Matches(Line(target: "campaigns/c1", node: null)));
        Assert.False(new AuditQuery(Target: "9430102001").Matches(entry));
    }

    [Fact]
    public void A_subtree_filter_keeps_the_lines_whose_ancestry_holds_the_region_and_never_tenant_wide_ones()
    {
        Assert.True(new AuditQuery(Within: "430100").Matches(Line()));
        Assert.False(new AuditQuery(Within: "430200").Matches(Line()));
        Assert.False(new AuditQuery(Within: "430000").Matches(Line(target: "tenant", node: null, ancestry: [])));
    }

    [Fact]
    public void From_is_inclusive_and_to_is_exclusive()
    {
        Assert.True(new AuditQuery(From: Noon).Matches(Line()));
        Assert.False(new AuditQuery(To: Noon).Matches(Line()));
        Assert.True(new AuditQuery(To: Noon.AddTicks(1)).Matches(Line()));
        Assert.False(new AuditQuery(From: Noon.AddTicks(1)).Matches(Line()));
    }

    [Fact]
    public void A_page_is_opened_only_when_its_times_overlap_the_range_and_the_scan_stops_at_the_first_page_before_it()
    {
        var page = new AuditPageSummary(3, Noon, Noon.AddMinutes(5));
        Assert.True(new AuditQuery(From: Noon.AddMinutes(5)).MayHold(page));
        Assert.False(new AuditQuery(From: Noon.AddMinutes(6)).MayHold(page));
        Assert.True(new AuditQuery(From: Noon.AddMinutes(6)).IsBefore(page));
        Assert.False(new AuditQuery(To: Noon).MayHold(page));
        Assert.False(new AuditQuery(To: Noon).IsBefore(page));
        Assert.True(new AuditQuery(To: Noon.AddTicks(1)).MayHold(page));
    }

    [Fact]
    public void A_summary_longer_than_the_limit_is_cut_with_an_ellipsis_and_a_shorter_one_is_kept_whole()
    {
        var cut = AuditEntry.Brief(new string('x', 2_000))!;
        Assert.Equal(AuditEntry.MaxSummaryLength, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.Equal("star4 88", AuditEntry.Brief("star4 88"));
        Assert.Null(AuditEntry.Brief(null));
    }
}
