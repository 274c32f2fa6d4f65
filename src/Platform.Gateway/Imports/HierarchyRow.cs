using Platform.Domain.Hierarchy;

namespace Platform.Gateway.Imports;

/// <summary>One data line of a hierarchy import: the definition it describes, or why it cannot describe one.</summary>
internal sealed record HierarchyRow(int Line, string? Code, NodeDefinition? Definition, IReadOnlyList<FieldError> Errors);
