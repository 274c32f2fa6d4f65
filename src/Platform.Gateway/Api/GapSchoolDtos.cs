using Platform.Gateway.Reports;

namespace Platform.Gateway.Api;

/// <summary>A gap school (空白点): a school no Party organisation covers.</summary>
/// <param name="Ownership">public (公办) or private (民办).</param>
public sealed record GapSchoolDto(string Code, string Name, string Ownership, string? CountyCode, string? CountyName, string? CityCode, string? CityName)
{
    internal static GapSchoolDto From(GapSchool s) =>
        new(s.Code, s.Name, s.IsPrivate ? "private" : "public", s.CountyCode, s.CountyName, s.CityCode, s.CityName);
}

/// <summary>A page of a node's gap schools.</summary>
/// <param name="Total">The node's 空白点 count, from its rollup.</param>
public sealed record GapSchoolsPageDto(int Total, int Page, int PageSize, IReadOnlyList<GapSchoolDto> Items);
