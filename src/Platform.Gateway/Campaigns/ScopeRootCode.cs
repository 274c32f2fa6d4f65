using Platform.Domain.Campaigns;

namespace Platform.Gateway.Campaigns;

/// <summary>The campaign-wide total is keyed <see cref="CampaignRoster.ScopeRoot"/> inside; that key is no code anyone
/// can use, so no answer or export shows it, and no route takes it.</summary>
internal static class ScopeRootCode
{
    public static string? Hide(string? code) => code == CampaignRoster.ScopeRoot ? null : code;

    public static bool Is(string code) => code == CampaignRoster.ScopeRoot;
}
