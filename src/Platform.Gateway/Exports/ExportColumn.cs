namespace Platform.Gateway.Exports;

/// <summary>A column of an export, named by the header its readers see (e.g. "组织代码"), with how its numbers read.</summary>
internal sealed record ExportColumn(string Header, ExportColumnKind Kind = ExportColumnKind.Text);
