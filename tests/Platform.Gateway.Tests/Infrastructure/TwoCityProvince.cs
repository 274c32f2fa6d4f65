namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>Two cities with a county and a few branches each: the smallest province a campaign's cross-region check can run in.</summary>
internal static class TwoCityProvince
{
    public const string Csv = """
        kind,code,name,parentCode,stage,ownership,location,covers,members,probationaryMembers
        province,430000,湖南省,,,,,,,
        city,430100,长沙市,430000,,,,,,
        county,430102,芙蓉区,430100,,,,,,
        school,9430102001,芙蓉区第一中学,430102,高中,公办,城镇,,,
        partyCommittee,9430102001-00,芙蓉区第一中学党委,9430102001,,,,,,
        branch,9430102001-01,第一党支部,9430102001-00,,,,,20,1
        branch,9430102001-02,第二党支部,9430102001-00,,,,,15,0
        city,430200,株洲市,430000,,,,,,
        county,430202,荷塘区,430200,,,,,,
        school,9430202001,荷塘区实验小学,430202,primary,public,urban,,,
        branch,9430202001-01,荷塘区实验小学党支部,9430202001,,,,,9,2
        school,9430202002,荷塘区第二小学,430202,primary,public,urban,,,
        branch,9430202002-01,荷塘区第二小学党支部,9430202002,,,,,7,0
        """;
}
