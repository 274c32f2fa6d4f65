namespace Platform.Gateway.Identity;

/// <summary>Secrets written to disk (the signing key, the initial credentials) are readable by their owner alone (0600),
/// from the moment the file exists: written to a new file created with that mode, then moved into place.</summary>
internal static class OwnerOnlyFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, replacing it whole or not at all.</summary>
    public static void WriteNew(string path, string content)
    {
        File.Move(WriteTemporary(path, content), path, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, Mode);
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless another writer got there first.</summary>
    /// <returns>False when the file existed: it is left as it was, whole (it too was moved into place).</returns>
    public static bool TryWriteFirst(string path, string content)
    {
        var temporary = WriteTemporary(path, content);
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    private static string WriteTemporary(string path, string content)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Mode;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            writer.Write(content);
        }

        return temporary;
    }
}
