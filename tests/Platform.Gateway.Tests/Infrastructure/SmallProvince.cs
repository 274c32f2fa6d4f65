namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>A hand-written province small enough to check by eye: two counties, four schools, six organisations.</summary>
internal static class SmallProvince
{
    public const string Csv = """
        kind,code,name,parentCode,stage,ownership,location,covers,members,probationaryMembers
        province,430000,湖南省,,,,,,,
        city,430100,长沙市,430000,,,,,,
        county,430102,芙蓉区,430100,,,,,,
        county,430103,天心区,430100,,,,,,
        school,9430102001,芙蓉区第一中学,430102,高中,公办,城镇,,,
        partyCommittee,9430102001-00,芙蓉区第一中学党委,9430102001,,,,,,
        branch,9430102001-01,第一党支部,9430102001-00,,,,,20,1
        branch,9430102001-02,第二党支部,9430102001-00,,,,,15,0
        school,9430103001,天心区实验小学,430103,primary,public,urban,,,
        branch,9430103001-01,天心区实验小学党支部,9430103001,,,,,9,2
        school,9430103002,天心区幸福幼儿园,430103,kindergarten,private,rural,,,
        school,9430103003,天心区向阳小学,430103,primary,public,rural,,,
        jointBranch,430103-LH01,天心区第一联合党支部,430103,,,,9430103002;9430103003,4,0
        """;

    public const string Root = "430000";

    public const int Organisations = 5;

    public const int Schools = 4;
}
