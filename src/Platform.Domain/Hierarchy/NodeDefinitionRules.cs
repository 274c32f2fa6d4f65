using Platform.Domain.Text;

namespace Platform.Domain.Hierarchy;

/// <summary>Checks a definition on its own, before any grain is asked whether its parent exists.</summary>
public static class NodeDefinitionRules
{
    public const int MaxNameLength = 100;
    public const int MaxCoveredSchools = 5;

    public static IReadOnlyList<FieldError> Validate(NodeDefinition definition)
    {
        var errors = new List<FieldError>();
        if (NodeCodes.Problem(definition.Kind, definition.Code) is { } codeProblem)
        {
            errors.Add(new("code", codeProblem));
        }

        if (TextRules.Problem(definition.Name, MaxNameLength) is { } nameProblem)
        {
            errors.Add(new("name", nameProblem));
        }

        if (definition.Kind == NodeKind.Province)
        {
            if (!string.IsNullOrEmpty(definition.ParentCode))
            {
                errors.Add(new("parentCode", "must be empty for a province: it is the root of the tenant"));
            }
        }
        else if (string.IsNullOrWhiteSpace(definition.ParentCode))
        {
            errors.Add(new("parentCode", $"is required for a {definition.Kind.ToApiName()}"));
        }
        else if (definition.ParentCode == definition.Code)
        {
            errors.Add(new("parentCode", "cannot be the node's own code"));
        }

        if (definition.Members < 0)
        {
            errors.Add(new("members", "cannot be negative"));
        }

        if (definition.ProbationaryMembers < 0)
        {
            errors.Add(new("probationaryMembers", "cannot be negative"));
        }

        if (!definition.Kind.IsOrganisation() && (definition.Members != 0 || definition.ProbationaryMembers != 0))
        {
            errors.Add(new("members", "only Party organisations have members"));
        }

        if (definition.Kind == NodeKind.JointBranch)
        {
            var covers = definition.CoveredSchools;
            if (covers.Count == 0)
            {
                errors.Add(new("covers", "a joint branch must cover at least one school"));
            }
            else if (covers.Count > MaxCoveredSchools)
            {
                errors.Add(new("covers", $"a joint branch covers at most {MaxCoveredSchools} units (联合党支部覆盖单位一般不超过5个)"));
            }

            foreach (var school in covers.Where(s => NodeCodes.Problem(NodeKind.School, s) is not null))
            {
                errors.Add(new("covers", $"'{school}' is not a 10-digit school identification code"));
            }

            if (covers.Distinct(StringComparer.Ordinal).Count() != covers.Count)
            {
                errors.Add(new("covers", "lists a school twice"));
            }
        }
        else if (definition.CoveredSchools.Count > 0)
        {
            errors.Add(new("covers", "only a joint branch covers schools"));
        }

        if ((definition.Kind == NodeKind.School) != (definition.School is not null))
        {
            errors.Add(new("stage", definition.Kind == NodeKind.School ? "a school needs its profile" : "only schools have a stage"));
        }

        return errors;
    }
}
