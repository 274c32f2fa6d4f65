namespace Platform.Gateway.Exports;

/// <summary>Writes sheets of rows to a stream in one file format, row by row, without holding the rows.</summary>
/// <remarks>
/// The sheets are a list, not a stream, because every format needs to know them before the first row: XLSX names them
/// in its workbook and CSV decides on its 层级 column. Each sheet's rows are still read only after the sheet before it
/// is written. Writers only write asynchronously, because ASP.NET Core refuses synchronous writes to a response body.
/// </remarks>
internal interface ITableExportWriter
{
    /// <summary>The media type of the written file, for Content-Type.</summary>
    string ContentType { get; }

    /// <summary>The file name extension, with its dot (".csv").</summary>
    string FileExtension { get; }

    /// <summary>Writes all <paramref name="sheets"/> to <paramref name="output"/>, which need not be seekable and is left open.</summary>
    /// <exception cref="ArgumentException">There are no sheets, or the format cannot hold them as given.</exception>
    Task WriteAsync(Stream output, IReadOnlyList<ExportSheet> sheets, CancellationToken cancellationToken);
}
