namespace Platform.Domain.Identity;

/// <summary>The API spellings of <see cref="Role"/> (camelCase, as in tokens and JSON) and the Chinese ones.</summary>
public static class Roles
{
    public static IReadOnlyList<string> ApiNames { get; } = Enum.GetValues<Role>().Select(ToApiName).ToArray();

    public static string ToApiName(this Role role) => role switch
    {
        Role.Operator => "operator",
        Role.TenantAdmin => "tenantAdmin",
        Role.RegionAdmin => "regionAdmin",
        Role.BranchSecretary => "branchSecretary",
        Role.Reviewer => "reviewer",
        Role.Viewer => "viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static string ToChinese(this Role role) => role switch
    {
        Role.Operator => "平台运维",
        Role.TenantAdmin => "省级管理员",
        Role.RegionAdmin => "市县管理员",
        Role.BranchSecretary => "支部书记",
        Role.Reviewer => "评审员",
        Role.Viewer => "领导查看",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? text, out Role role) => EnumSpellings.TryParse(text, out role, ToApiName, ToChinese);
}
