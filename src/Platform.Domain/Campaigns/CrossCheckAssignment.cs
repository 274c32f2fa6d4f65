namespace Platform.Domain.Campaigns;

/// <summary>A sampled branch and the city whose reviewers check it (交叉检查); never the branch's own city.</summary>
[GenerateSerializer, Immutable, Alias("CrossCheckAssignment")]
public sealed record CrossCheckAssignment(
    [property: Id(0)] string BranchCode,
    [property: Id(1)] string CityCode,
    [property: Id(2)] string ReviewerCity);
