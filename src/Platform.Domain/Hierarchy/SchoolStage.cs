namespace Platform.Domain.Hierarchy;

/// <summary>学段: the stage a school teaches.</summary>
public enum SchoolStage
{
    /// <summary>幼儿园</summary>
    Kindergarten = 0,

    /// <summary>小学</summary>
    Primary = 1,

    /// <summary>初中</summary>
    JuniorSecondary = 2,

    /// <summary>高中</summary>
    SeniorSecondary = 3,

    /// <summary>九年一贯制</summary>
    NineYear = 4,

    /// <summary>完全中学</summary>
    CompleteSecondary = 5,

    /// <summary>中职</summary>
    Vocational = 6,

    /// <summary>特殊教育</summary>
    Special = 7,
}
