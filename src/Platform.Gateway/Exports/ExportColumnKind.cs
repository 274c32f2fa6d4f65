namespace Platform.Gateway.Exports;

/// <summary>How a column's numbers read in a workbook; CSV writes the plain value whatever the kind.</summary>
internal enum ExportColumnKind
{
    /// <summary>Codes, names and anything else shown as given (a number in it keeps Excel's general format).</summary>
    Text,

    /// <summary>Counts, with a thousands separator (1,234).</summary>
    Integer,

    /// <summary>Scores and averages, two decimal places (92.50).</summary>
    Decimal,

    /// <summary>Rates given as fractions (0.8333), shown as percentages (83.33%).</summary>
    Percent,

    /// <summary>Times, shown as yyyy-mm-dd hh:mm:ss.</summary>
    Date,
}
