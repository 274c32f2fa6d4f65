using System.Text;

namespace Platform.Gateway.Imports;

/// <summary>
/// Which text encoding a CSV file is in, found from all of it and never asked: a UTF-8 byte order mark, or valid UTF-8
/// throughout, is UTF-8; anything else is read as GB18030, what Excel on Chinese Windows writes as "CSV (逗号分隔)"
/// (GB18030 contains GBK and GB2312). A file that is neither is refused.
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

        var encoding = await DecodesAsync(file, Utf8, cancellationToken) ? Utf8
            : await DecodesAsync(file, GB18030, cancellationToken) ? GB18030
            : throw new ImportFileException("is neither UTF-8 nor GB18030 (GBK) text; save it from Excel as CSV UTF-8, or check that it is the hierarchy file");
        return encoding;
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
