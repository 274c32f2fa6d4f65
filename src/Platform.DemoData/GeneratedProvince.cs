using Platform.Domain.Scoring;

namespace Platform.DemoData;

/// <summary>A generated province: the hierarchy as an import file and the assessments of its rated units.</summary>
/// <param name="HierarchyCsv">In the import format of <c>POST imports/hierarchy</c>.</param>
public sealed record GeneratedProvince(
    string RootCode,
    string HierarchyCsv,
    int Rows,
    int Schools,
    int Organisations,
    IReadOnlyList<(string Code, AssessmentInput Input)> Assessments);
