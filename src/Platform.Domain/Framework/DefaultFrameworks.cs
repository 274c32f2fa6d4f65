namespace Platform.Domain.Framework;

/// <summary>
/// The default 五化 tables a tenant starts from (docs/domain.md §3–4): weights 15/30/25/15/15 plus up to 10 bonus points.
/// These are proposals, not an official table; tenants publish their own versions.
/// </summary>
public static class DefaultFrameworks
{
    public static FrameworkVersion Create(RatingScheme scheme, int version, DateTimeOffset publishedAt) => scheme == RatingScheme.Stars
        ? new(version, "五化星级评定标准（默认）", scheme, Tables, 10m, StarBands, RatingLevel.Star2, Vetoes(RatingLevel.Star2, RatingLevel.Star1), publishedAt)
        : new(version, "五化合格评估标准（默认）", scheme, Tables, 10m, GradeBands, RatingLevel.Qualified, Vetoes(RatingLevel.Unqualified, RatingLevel.Unqualified), publishedAt);

    private static readonly RatingGate SetupMet = new(Dimension.Setup, 0.6m, "每项支部设置指标达到满分的60%");
    private static readonly RatingGate LifeStrong = new(Dimension.OrganisationalLife, 0.8m, "每项组织生活指标达到满分的80%");

    private static readonly IReadOnlyList<RatingBand> StarBands =
    [
        new(RatingLevel.Star1, 0m, []),
        new(RatingLevel.Star2, 60m, []),
        new(RatingLevel.Star3, 70m, [SetupMet]),
        new(RatingLevel.Star4, 80m, [SetupMet]),
        new(RatingLevel.Star5, 90m, [SetupMet, LifeStrong]),
    ];

    private static readonly IReadOnlyList<RatingBand> GradeBands =
    [
        new(RatingLevel.Unqualified, 0m, []),
        new(RatingLevel.Qualified, 60m, []),
        new(RatingLevel.Excellent, 85m, [SetupMet]),
        new(RatingLevel.Model, 95m, [SetupMet, LifeStrong]),
    ];

    private static IReadOnlyList<VetoItem> Vetoes(RatingLevel cap, RatingLevel falsifiedCap) =>
    [
        new("V1", "教师队伍发生严重师德失范问题", cap),
        new("V2", "发生意识形态领域重大事件", cap),
        new("V3", "发生重大安全责任事故", cap),
        new("V4", "支委会成员受到党纪处分", cap),
        new("V5", "组织生活记录弄虚作假", falsifiedCap),
    ];

    private static readonly IReadOnlyList<DimensionDefinition> Tables =
    [
        new(Dimension.Setup, "支部设置标准化",
        [
            new("1.1", "满3名正式党员单独建支部，联合党支部覆盖不超过5个单位", 3m, IndicatorRule.Checked),
            new("1.2", "支部规模适当，党员一般不超过50名", 2m, IndicatorRule.Checked),
            new("1.3", "7名以上正式党员设支委会，委员3至5名，分工明确", 3m, IndicatorRule.Checked),
            new("1.4", "按期换届（任期3年），选举结果按程序报批", 3m, IndicatorRule.Derived),
            new("1.5", "每学年审视支部设置", 2m, IndicatorRule.Checked),
            new("1.6", "书记、校长配备符合学校规模要求", 2m, IndicatorRule.Checked),
        ]),
        new(Dimension.OrganisationalLife, "组织生活正常化",
        [
            new("2.1", "支部党员大会每季度至少1次", 5m, IndicatorRule.Counted),
            new("2.2", "支委会每月至少1次", 5m, IndicatorRule.Counted),
            new("2.3", "党小组会每月至少1次", 4m, IndicatorRule.Counted),
            new("2.4", "党课按规定频次开展", 4m, IndicatorRule.Counted),
            new("2.5", "主题党日每月固定开展", 5m, IndicatorRule.Counted),
            new("2.6", "组织生活会和民主评议党员每年1次", 4m, IndicatorRule.Counted),
            new("2.7", "谈心谈话每年至少1次，记录完整", 3m, IndicatorRule.Counted),
        ]),
        new(Dimension.Management, "管理服务精细化",
        [
            new("3.1", "党员名册准确、与全国党员信息系统同步，组织关系接转及时", 5m, IndicatorRule.Checked),
            new("3.2", "按月按标准交纳党费", 5m, IndicatorRule.Counted),
            new("3.3", "发展党员严格履行程序", 5m, IndicatorRule.Checked),
            new("3.4", "落实“双培养”", 4m, IndicatorRule.Checked),
            new("3.5", "教师党员占比合理，入党积极分子储备充足", 3m, IndicatorRule.Checked),
            new("3.6", "关心关爱离退休党员和流动党员", 3m, IndicatorRule.Checked),
        ]),
        new(Dimension.Institutions, "工作制度体系化",
        [
            new("4.1", "落实党组织领导的校长负责制和“三重一大”决策制度", 4m, IndicatorRule.Checked),
            new("4.2", "年度工作计划和总结", 3m, IndicatorRule.Checked),
            new("4.3", "开展“双述双评”", 3m, IndicatorRule.Checked),
            new("4.4", "落实意识形态工作责任制", 3m, IndicatorRule.Checked),
            new("4.5", "党务公开，党建工作经费有保障", 2m, IndicatorRule.Checked),
        ]),
        new(Dimension.Facilities, "阵地建设规范化",
        [
            new("5.1", "阵地布局合理、功能完备", 4m, IndicatorRule.Checked),
            new("5.2", "标识标牌统一规范", 3m, IndicatorRule.Checked),
            new("5.3", "网络阵地建设", 3m, IndicatorRule.Checked),
            new("5.4", "档案资料规范完整", 3m, IndicatorRule.Checked),
            new("5.5", "党员活动室达到建设标准", 2m, IndicatorRule.Checked),
        ]),
        new(Dimension.Bonus, "加分项",
        [
            new("6.1", "“党建+”工作案例获评推广", 4m, IndicatorRule.Checked),
            new("6.2", "创建为党建工作示范点", 3m, IndicatorRule.Checked),
            new("6.3", "获得上级表彰", 3m, IndicatorRule.Checked),
            new("6.4", "形成“一支部一品牌”", 3m, IndicatorRule.Checked),
        ]),
    ];
}
