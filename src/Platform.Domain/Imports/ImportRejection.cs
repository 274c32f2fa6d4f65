using Platform.Domain.Hierarchy;

namespace Platform.Domain.Imports;

/// <summary>
/// A row an import did not apply (导入被拒绝的行): the line it starts on, its code as far as it could be read, and why.
/// Built only through <see cref="Of"/>, which bounds the text, because a reason can quote a hostile cell.
/// </summary>
/// <param name="Sheet">The worksheet the row is on, for an XLSX file of several sheets.</param>
/// <param name="Cells">The row's cells as written (bounded), so a rejected row downloads in the file's own columns to be corrected.</param>
[GenerateSerializer, Immutable, Alias("ImportRejection")]
public sealed record ImportRejection(
    [property: Id(0)] int Line,
    [property: Id(1)] string? Code,
    [property: Id(2)] IReadOnlyList<FieldError> Errors,
    [property: Id(3)] string? Sheet = null,
    [property: Id(4)] IReadOnlyList<string>? Cells = null)
{
    private const string Ellipsis = "…";

    /// <summary>Characters of text this rejection holds, what keeping it costs.</summary>
    public int TextLength => (Code?.Length ?? 0) + Errors.Sum(e => e.Field.Length + e.Message.Length) + (Sheet?.Length ?? 0) + (Cells?.Sum(c => c.Length) ?? 0);

    /// <summary>
    /// The rejection of <paramref name="line"/>, with at most <see cref="ImportLimits.MaxErrorsPerRejection"/> reasons
    /// (the last one then says how many more there were), each cut to <see cref="ImportLimits.MaxReasonLength"/>
    /// characters and the code to <see cref="ImportLimits.MaxCodeLength"/>.
    /// </summary>
    public static ImportRejection Of(int line, string? code, IReadOnlyList<FieldError> errors, string? sheet = null, IReadOnlyList<string>? cells = null)
    {
        var kept = errors.Count <= ImportLimits.MaxErrorsPerRejection
            ? errors.Select(Bounded).ToList()
            : [.. errors.Take(ImportLimits.MaxErrorsPerRejection - 1).Select(Bounded),
               new FieldError("row", $"and {errors.Count - ImportLimits.MaxErrorsPerRejection + 1} more problems; correct these and import again to see them")];
        return new ImportRejection(line, string.IsNullOrEmpty(code) ? null : Cut(code, ImportLimits.MaxCodeLength), kept,
            sheet is null ? null : Cut(sheet, ImportLimits.MaxCodeLength),
            cells is null ? null : [.. cells.Take(ImportLimits.MaxCellsPerRejection).Select(c => Cut(c, ImportLimits.MaxReasonLength))]);
    }

    private static FieldError Bounded(FieldError error) =>
        new(Cut(error.Field, ImportLimits.MaxCodeLength), Cut(error.Message, ImportLimits.MaxReasonLength));

    /// <summary>Cuts to <paramref name="length"/> characters with an ellipsis, never through a surrogate pair.</summary>
    private static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var end = length - Ellipsis.Length;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), Ellipsis);
    }
}
