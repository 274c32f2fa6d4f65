namespace Platform.Domain.Imports;

/// <summary>
/// What one import may cost, whatever its file holds. Rows an import keeps in memory are the nodes it will define,
/// so their number is capped; rejected rows are only counted, and only the first of them are kept, in bounded text.
/// </summary>
public static class ImportLimits
{
    /// <summary>
    /// The most nodes (well-formed rows) one file may define: about four times a large province's schools and Party
    /// organisations together. A larger file is refused as a whole, before anything is imported.
    /// </summary>
    public const int MaxNodesPerFile = 200_000;

    /// <summary>The longest line a file may have, in UTF-8 bytes; a real row is a few hundred.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>Rejections shown in the answer to an import; the rest are downloaded.</summary>
    public const int RejectionsInAnswer = 100;

    /// <summary>Rejections kept for download; beyond them an import only counts.</summary>
    public const int MaxStoredRejections = 100_000;

    /// <summary>Characters of rejection text kept for download per import, so long reasons cannot fill the database either.</summary>
    public const long MaxStoredRejectionChars = 16_000_000;

    /// <summary>Rejections per stored chunk (one storage row each).</summary>
    public const int RejectionsPerChunk = 1_000;

    /// <summary>Characters of rejection text per stored chunk, so one storage row stays small.</summary>
    public const int MaxChunkChars = 256 * 1024;

    /// <summary>Reasons kept per rejected row.</summary>
    public const int MaxErrorsPerRejection = 5;

    /// <summary>Characters kept of a reason, which may quote the rejected cell.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>Characters kept of a rejected row's code.</summary>
    public const int MaxCodeLength = 40;

    /// <summary>Cells kept of a rejected row for its download; a hierarchy file has ten columns.</summary>
    public const int MaxCellsPerRejection = 20;
}
