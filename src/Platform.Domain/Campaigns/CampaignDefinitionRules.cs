using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Text;

namespace Platform.Domain.Campaigns;

/// <summary>Checks a campaign before it is created; whether the scope and framework version exist is the caller's part.</summary>
public static class CampaignDefinitionRules
{
    public const int MaxScopeRegions = 200;

    public const int MaxNameLength = 100;

    public static IReadOnlyList<FieldError> Validate(CampaignDefinition definition, RatingScheme scheme, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (TextRules.Problem(definition.Name, MaxNameLength) is { } problem)
        {
            errors.Add(new("name", $"{problem}: name the campaign as people will see it"));
        }

        if (definition.Scope.Count is 0 or > MaxScopeRegions)
        {
            errors.Add(new("scope", $"name between 1 and {MaxScopeRegions} regions"));
        }

        for (var i = 0; i < definition.Scope.Count; i++)
        {
            if (!NodeCodes.IsWellFormed(definition.Scope[i]))
            {
                errors.Add(new($"scope[{i}]", $"'{definition.Scope[i]}' is not a valid region code"));
            }
        }

        if (definition.Scope.Distinct(StringComparer.Ordinal).Count() != definition.Scope.Count)
        {
            errors.Add(new("scope", "names a region twice"));
        }

        ValidateDeadlines(definition.Deadlines, now, errors);
        errors.AddRange(definition.CrossCheck.Validate("crossCheck"));
        errors.AddRange(definition.Quotas.Validate(scheme, "quotas"));
        return errors;
    }

    private static void ValidateDeadlines(IReadOnlyDictionary<CampaignStage, DateTimeOffset> deadlines, DateTimeOffset now, List<FieldError> errors)
    {
        DateTimeOffset? previous = null;
        foreach (var stage in Enum.GetValues<CampaignStage>())
        {
            if (!deadlines.TryGetValue(stage, out var deadline))
            {
                continue;
            }

            var field = $"deadlines.{stage.ToApiName()}";
            if (!stage.HasDeadline())
            {
                errors.Add(new(field, "only self-assessment, review, cross-check and publicity close at a deadline"));
            }
            else if (deadline <= now)
            {
                errors.Add(new(field, "must be in the future"));
            }
            else if (previous is { } earlier && deadline <= earlier)
            {
                errors.Add(new(field, "must come after the deadline of the stage before it"));
            }

            previous = deadline;
        }
    }
}
