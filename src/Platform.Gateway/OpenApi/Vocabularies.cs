using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Domain.Standing;
using Platform.Gateway.Api;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// The closed vocabularies of the API as enums in the document: roles, node kinds, campaign kinds and stages, rating
/// levels, dimensions, submission kinds and the like. The DTOs carry them as strings (the API spelling of a domain enum),
/// so the generator sees only strings; this table names, per field, the domain's own list of spellings.
/// </summary>
internal static class Vocabularies
{
    private static readonly string[] RoleNames = [.. Roles.ApiNames];
    private static readonly string[] AccountRoles = [.. Roles.ApiNames.Where(r => r != Role.Operator.ToApiName())];
    private static readonly string[] Stages = [.. CampaignStages.ApiNames];
    private static readonly string[] Kinds = [.. CampaignKinds.ApiNames];
    private static readonly string[] NodeKindNames = [.. NodeKinds.ApiNames];
    private static readonly string[] Ratings = [.. RatingLevels.All.Select(l => l.ToApiName())];
    private static readonly string[] DimensionNames = [.. Dimensions.All.Select(d => d.ToApiName())];
    private static readonly string[] Schemes = [.. Enum.GetValues<RatingScheme>().Select(s => s.ToApiName())];
    private static readonly string[] SubmissionKindNames = [.. Enum.GetValues<SubmissionKind>().Select(k => k.ToApiName())];
    private static readonly string[] Sources = [.. Enum.GetValues<RatingChangeSource>().Select(s => s.ToApiName())];
    private static readonly string[] Rules = ["checked", "counted", "derived"];
    private static readonly string[] Orders = ["asc", "desc"];

    /// <summary>Type and property (as the record names it) → the spellings it takes.</summary>
    private static readonly Dictionary<(Type Type, string Property), string[]> Fields = new()
    {
        [(typeof(AccountDto), nameof(AccountDto.Role))] = RoleNames,
        [(typeof(CreateAccountRequest), nameof(CreateAccountRequest.Role))] = AccountRoles,
        [(typeof(IssuedAccountDto), nameof(IssuedAccountDto.Role))] = RoleNames,
        [(typeof(AuditLogEntryDto), nameof(AuditLogEntryDto.Role))] = RoleNames,
        [(typeof(CampaignDto), nameof(CampaignDto.Kind))] = Kinds,
        [(typeof(CampaignDto), nameof(CampaignDto.Stage))] = Stages,
        [(typeof(CampaignDto), nameof(CampaignDto.NextStage))] = Stages,
        [(typeof(CampaignSummaryDto), nameof(CampaignSummaryDto.Kind))] = Kinds,
        [(typeof(CampaignSummaryDto), nameof(CampaignSummaryDto.Stage))] = Stages,
        [(typeof(StageTransitionDto), nameof(StageTransitionDto.Stage))] = Stages,
        [(typeof(CreateCampaignRequest), nameof(CreateCampaignRequest.Kind))] = Kinds,
        [(typeof(AdvanceRequest), nameof(AdvanceRequest.To))] = Stages,
        [(typeof(AuditDto), nameof(AuditDto.Stage))] = Stages,
        [(typeof(AuditDto), nameof(AuditDto.OldRating))] = Ratings,
        [(typeof(AuditDto), nameof(AuditDto.NewRating))] = Ratings,
        [(typeof(QuotaPolicyDto), nameof(QuotaPolicyDto.RegionLevel))] = ["province", "city", "county"],
        [(typeof(NodeDto), nameof(NodeDto.Kind))] = NodeKindNames,
        [(typeof(ChildDto), nameof(ChildDto.Kind))] = NodeKindNames,
        [(typeof(RosterBranchDto), nameof(RosterBranchDto.Kind))] = NodeKindNames,
        [(typeof(SchoolDto), nameof(SchoolDto.Stage))] = [.. SchoolStages.ApiNames],
        [(typeof(SchoolDto), nameof(SchoolDto.Ownership))] = ["public", "private"],
        [(typeof(SchoolDto), nameof(SchoolDto.Location))] = ["urban", "rural"],
        [(typeof(ChildrenDto), nameof(ChildrenDto.Order))] = Orders,
        [(typeof(AssessmentDto), nameof(AssessmentDto.Rating))] = Ratings,
        [(typeof(RatingChangeDto), nameof(RatingChangeDto.Source))] = Sources,
        [(typeof(RatingChangeDto), nameof(RatingChangeDto.OldRating))] = Ratings,
        [(typeof(RatingChangeDto), nameof(RatingChangeDto.NewRating))] = Ratings,
        [(typeof(SubmissionDto), nameof(SubmissionDto.Kind))] = SubmissionKindNames,
        [(typeof(SubmissionDto), nameof(SubmissionDto.Rating))] = Ratings,
        [(typeof(FinalResultDto), nameof(FinalResultDto.Rating))] = Ratings,
        [(typeof(FinalResultDto), nameof(FinalResultDto.Earned))] = Ratings,
        [(typeof(LaggardDto), nameof(LaggardDto.Missing))] = ["selfAssessment", "review"],
        [(typeof(FrameworkDto), nameof(FrameworkDto.RatingScheme))] = Schemes,
        [(typeof(FrameworkDto), nameof(FrameworkDto.PassLevel))] = Ratings,
        [(typeof(FrameworkVersionSummaryDto), nameof(FrameworkVersionSummaryDto.RatingScheme))] = Schemes,
        [(typeof(DimensionDto), nameof(DimensionDto.Id))] = DimensionNames,
        [(typeof(IndicatorDto), nameof(IndicatorDto.Rule))] = Rules,
        [(typeof(BandDto), nameof(BandDto.Level))] = Ratings,
        [(typeof(GateDto), nameof(GateDto.Dimension))] = DimensionNames,
        [(typeof(VetoDto), nameof(VetoDto.Cap))] = Ratings,
        [(typeof(TenantDto), nameof(TenantDto.RatingScheme))] = Schemes,
        [(typeof(CreatedTenantDto), nameof(CreatedTenantDto.RatingScheme))] = Schemes,
        [(typeof(TenantRequest), nameof(TenantRequest.RatingScheme))] = Schemes,
        [(typeof(TokenResponse), nameof(TokenResponse.TokenType))] = ["Bearer"],
    };

    /// <summary>Query parameters of a closed vocabulary, by name.</summary>
    private static readonly Dictionary<string, string[]> Parameters = new(StringComparer.Ordinal)
    {
        ["order"] = Orders,
        ["sort"] = ["code", "name", .. Domain.Rollups.SummaryMetric.Names.Order(StringComparer.Ordinal)],
        ["sortBy"] = [.. TallyRanking.Names],
        ["stage"] = ["selfAssessment", "review"],
        ["format"] = ["csv", "xlsx"],
    };

    public static Task DeclareFields(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { } property
            && property.AttributeProvider is System.Reflection.MemberInfo member
            && Fields.TryGetValue((property.DeclaringType, member.Name), out var values))
        {
            Declare(schema, values);
        }

        return Task.CompletedTask;
    }

    public static Task DeclareParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { In: ParameterLocation.Query, Schema: OpenApiSchema schema } p
                && Parameters.TryGetValue(p.Name!, out var values))
            {
                Declare(schema, values);
            }
        }

        return Task.CompletedTask;
    }

    private static void Declare(OpenApiSchema schema, IEnumerable<string> values)
    {
        var nullable = schema.Type is { } type && type.HasFlag(JsonSchemaType.Null);
        schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)), .. nullable ? [JsonNullSentinel.JsonNull] : Array.Empty<JsonNode>()];
    }
}
