namespace Platform.DemoData;

/// <summary>An administrative division (行政区划) of the demo province.</summary>
/// <param name="IsOfficialCode">True for a real GB/T 2260 code, false for one generated to fill a gap.</param>
public sealed record Division(string Code, string Name, string? ParentCode, string Kind, bool IsOfficialCode);
