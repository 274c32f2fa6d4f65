using Platform.Domain.Text;

namespace Platform.Domain.Tenancy;

/// <summary>A tenant's display name (e.g. 湖南省教育系统): shown on every page and export of the province.</summary>
public static class TenantNames
{
    public const int MaxLength = 100;

    public static string? Problem(string? name) => TextRules.Problem(name, MaxLength);
}
