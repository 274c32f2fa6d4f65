namespace Platform.Domain.Hierarchy;

/// <summary>What a node of the hierarchy is. The API spells these in camelCase (<c>province</c>, <c>jointBranch</c>).</summary>
public enum NodeKind
{
    /// <summary>省: the root of a tenant.</summary>
    Province = 0,

    /// <summary>市州: a city or prefecture.</summary>
    City = 1,

    /// <summary>县市区: a county, county-level city or district.</summary>
    County = 2,

    /// <summary>学校: keyed by its 10-digit school identification code (学校标识码).</summary>
    School = 3,

    /// <summary>党委: a school Party committee.</summary>
    PartyCommittee = 4,

    /// <summary>党总支: a general branch.</summary>
    GeneralBranch = 5,

    /// <summary>党支部: a branch, the unit that is rated.</summary>
    Branch = 6,

    /// <summary>联合党支部: a joint branch covering several small schools; rated like a branch.</summary>
    JointBranch = 7,
}
