namespace Platform.Gateway.Reports;

/// <summary>A 空白点: a school no Party organisation covers (none of its own, no joint branch), with where it lies.</summary>
internal sealed record GapSchool(string Code, string Name, bool IsPrivate, string? CountyCode, string? CountyName, string? CityCode, string? CityName);
