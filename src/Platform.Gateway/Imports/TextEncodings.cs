using System.Text;

namespace Platform.Gateway.Imports;

/// <summary>
/// Which text encoding a CSV file is in, found from all of it and never asked: a UTF-8 byte order mark, or valid UTF-8
/// throughout, is UTF-8; anything else is read as GB18030, what Excel on Chinese Windows writes as "CSV (逗号分隔)"
/// (GB18030 contains GBK and GB2312). A file that is neither is refused, and so is one that is UTF-8 but for a few
/// broken bytes: GB18030 would read it too, but as nonsense names, so it is refused as broken UTF-8 instead.
/// </summary>
internal static class TextEncodings
{
    private const int GB18030CodePage = 54936;

    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>GB18030 that throws on bytes it cannot decode rather than inventing characters.</summary>
    public static readonly Encoding GB18030 =
        CodePagesEncodingProvider.Instance.GetEncoding(GB18030CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        ?? throw new InvalidOperationException("GB18030 (code page 54936) is not available");

    /// <summary>The encoding of the whole of <paramref name="file"/>, which is left at its start.</summary>
    /// <exception cref="ImportFileException">The file is UTF-16, or neither UTF-8 nor GB18030.</exception>
    public static async Task<Encoding> DetectAsync(Stream file, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        file.Position = 0;
        if (read >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        {
            return Utf8;
        }

        if (read >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            throw new ImportFileException("is UTF-16 text (Excel's \"Unicode text\"); save it from Excel as CSV UTF-8 (逗号分隔) instead");
        }

        var (multibyte, invalid, firstInvalidLine) = await ScanUtf8Async(file, cancellationToken);
        if (invalid == 0)
        {
            return Utf8;
        }

        // Chinese in GB18030 is mostly invalid as UTF-8, with a valid multibyte sequence only here and there by chance;
        // UTF-8 with a damaged cell is the other way round.
        if (multibyte >= invalid)
        {
            throw new ImportFileException($"is UTF-8 text with bytes that are not UTF-8 on line {firstInvalidLine}; correct that line, or save the file again from Excel as CSV UTF-8");
        }

        return await DecodesAsync(file, GB18030, cancellationToken)
            ? GB18030
            : throw new ImportFileException("is neither UTF-8 nor GB18030 (GBK) text; save it from Excel as CSV UTF-8, or check that it is the hierarchy file");
    }

    /// <summary>Valid multibyte UTF-8 sequences, invalid ones, and the line of the first invalid one; the file is left at its start.</summary>
    private static async Task<(long Multibyte, long Invalid, long FirstInvalidLine)> ScanUtf8Async(Stream file, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var (multibyte, invalid, firstInvalidLine, line, carried) = (0L, 0L, 0L, 1L, 0);
        int read;
        while ((read = await file.ReadAsync(buffer.AsMemory(carried), cancellationToken)) > 0 || carried > 0)
        {
            var end = carried + read;
            var last = read == 0;
            var at = 0;
            while (at < end)
            {
                var status = System.Text.Rune.DecodeFromUtf8(buffer.AsSpan(at, end - at), out _, out var consumed);
                if (status == System.Buffers.OperationStatus.NeedMoreData && !last)
                {
                    break;
                }

                if (status == System.Buffers.OperationStatus.Done)
                {
                    multibyte += consumed > 1 ? 1 : 0;
                    line += buffer[at] == (byte)'\n' ? 1 : 0;
                }
                else
                {
                    invalid++;
                    firstInvalidLine = firstInvalidLine == 0 ? line : firstInvalidLine;
                }

                at += Math.Max(consumed, 1);
            }

            carried = end - at;
            buffer.AsSpan(at, carried).CopyTo(buffer);
            if (last)
            {
                break;
            }
        }

        file.Position = 0;
        return (multibyte, invalid, firstInvalidLine);
    }

    /// <summary>Whether all of <paramref name="file"/> decodes in <paramref name="encoding"/>; the file is left at its start.</summary>
    private static async Task<bool> DecodesAsync(Stream file, Encoding encoding, CancellationToken cancellationToken)
    {
        var decoder = encoding.GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
        try
        {
            int read;
            while ((read = await file.ReadAsync(bytes, cancellationToken)) > 0)
            {
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            file.Position = 0;
        }
    }
}
