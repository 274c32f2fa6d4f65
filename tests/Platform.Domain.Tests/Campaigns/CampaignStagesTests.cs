using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

public class CampaignStagesTests
{
    private static readonly CampaignStage[] AllStages = Enum.GetValues<CampaignStage>();

    [Fact]
    public void Next_walks_every_stage_once_from_draft_to_final()
    {
        var walked = new List<CampaignStage>();
        for (CampaignStage? stage = CampaignStage.Draft; stage is { } current; stage = current.Next())
        {
            walked.Add(current);
        }

        Assert.Equal(
            [CampaignStage.Draft, CampaignStage.SelfAssessment, CampaignStage.Review, CampaignStage.CrossCheck, CampaignStage.Publicity, CampaignStage.Final],
            walked);
    }

    [Fact]
    public void Nothing_follows_final() => Assert.Null(CampaignStage.Final.Next());

    [Fact]
    public void Only_the_stages_in_which_someone_owes_work_have_a_deadline() =>
        Assert.Equal(
            [CampaignStage.SelfAssessment, CampaignStage.Review, CampaignStage.CrossCheck, CampaignStage.Publicity],
            AllStages.Where(s => s.HasDeadline()));

    [Fact]
    public void Api_names_are_camel_case_in_stage_order() =>
        Assert.Equal(["draft", "selfAssessment", "review", "crossCheck", "publicity", "final"], CampaignStages.ApiNames);

    [Fact]
    public void Api_and_chinese_names_round_trip_through_TryParse()
    {
        foreach (var stage in AllStages)
        {
            Assert.True(CampaignStages.TryParse(stage.ToApiName(), out var fromApi));
            Assert.Equal(stage, fromApi);
            Assert.True(CampaignStages.TryParse(stage.ToChinese(), out var fromChinese));
            Assert.Equal(stage, fromChinese);
        }
    }

    [Theory]
    [InlineData("草稿", CampaignStage.Draft)]
    [InlineData("自评", CampaignStage.SelfAssessment)]
    [InlineData("审核", CampaignStage.Review)]
    [InlineData("交叉检查", CampaignStage.CrossCheck)]
    [InlineData("公示", CampaignStage.Publicity)]
    [InlineData("认定", CampaignStage.Final)]
    [InlineData(" CROSSCHECK ", CampaignStage.CrossCheck)]
    public void TryParse_accepts_chinese_names_and_api_names_ignoring_case_and_spaces(string text, CampaignStage expected)
    {
        Assert.True(CampaignStages.TryParse(text, out var stage));
        Assert.Equal(expected, stage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("cross check")]
    [InlineData("CrossCheckStage")]
    public void TryParse_rejects_numbers_and_unknown_names(string? text) => Assert.False(CampaignStages.TryParse(text, out _));
}
