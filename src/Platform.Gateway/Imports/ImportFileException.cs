namespace Platform.Gateway.Imports;

/// <summary>The file as a whole cannot be imported (it is empty, not UTF-8, too large, or its header is wrong); nothing was.</summary>
internal sealed class ImportFileException(string message) : Exception(message);
