using Platform.Gateway.Exports;

namespace Platform.Gateway.Tests.Exports;

public sealed class ExcelSheetNamesTests
{
    [Theory]
    [InlineData("市级", "市级")]
    [InlineData("a[b]c:d*e?f/g\\h", "a_b_c_d_e_f_g_h")]
    [InlineData("'引号'", "引号")]
    [InlineData("  ", "Sheet1")]
    [InlineData("history", "Sheet1")]
    [InlineData("中共湖南省长沙市教育系统第一中学委员会所属各党支部二〇二六年度评定结果汇总表", "中共湖南省长沙市教育系统第一中学委员会所属各党支部二〇二六年度")]
    public void A_name_is_made_acceptable(string name, string assigned) =>
        Assert.Equal(assigned, ExcelSheetNames.Assign([name]).Single());

    [Fact]
    public void Names_are_unique_ignoring_case_and_stay_within_31_characters()
    {
        var longName = new string('长', 40);
        var names = ExcelSheetNames.Assign(["Sheet", "sheet", "SHEET", longName, longName]);

        Assert.Equal(["Sheet", "sheet (2)", "SHEET (3)", new string('长', 31), new string('长', 27) + " (2)"], names);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var name = new string('a', 30) + "𠀀";
        Assert.Equal(new string('a', 30), ExcelSheetNames.Assign([name]).Single());
    }
}
