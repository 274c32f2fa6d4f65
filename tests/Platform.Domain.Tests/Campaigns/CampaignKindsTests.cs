using Platform.Domain.Campaigns;

namespace Platform.Domain.Tests.Campaigns;

public class CampaignKindsTests
{
    [Fact]
    public void Api_names_are_camel_case_in_kind_order() =>
        Assert.Equal(["annualStarRating", "cityAppraisal", "demonstrationSelection", "caseContest", "reportAndAppraisal"], CampaignKinds.ApiNames);

    [Theory]
    [InlineData("五化星级评定", CampaignKind.AnnualStarRating)]
    [InlineData("评议评比", CampaignKind.CityAppraisal)]
    [InlineData("示范点评选", CampaignKind.DemonstrationSelection)]
    [InlineData("党建+案例评选", CampaignKind.CaseContest)]
    [InlineData("述职评议", CampaignKind.ReportAndAppraisal)]
    [InlineData("caseContest", CampaignKind.CaseContest)]
    [InlineData(" ANNUALSTARRATING ", CampaignKind.AnnualStarRating)]
    public void TryParse_accepts_chinese_names_and_api_names_ignoring_case_and_spaces(string text, CampaignKind expected)
    {
        Assert.True(CampaignKinds.TryParse(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void Api_and_chinese_names_round_trip_through_TryParse()
    {
        foreach (var kind in Enum.GetValues<CampaignKind>())
        {
            Assert.True(CampaignKinds.TryParse(kind.ToApiName(), out var fromApi));
            Assert.Equal(kind, fromApi);
            Assert.True(CampaignKinds.TryParse(kind.ToChinese(), out var fromChinese));
            Assert.Equal(kind, fromChinese);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("案例评选")]
    [InlineData("annual star rating")]
    public void TryParse_rejects_numbers_and_unknown_names(string? text) => Assert.False(CampaignKinds.TryParse(text, out _));
}
