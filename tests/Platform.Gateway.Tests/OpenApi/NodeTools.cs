using System.Diagnostics;

namespace Platform.Gateway.Tests.OpenApi;

/// <summary>The npm tools of tests/tools (Redocly, Spectral, Prism), installed there by <c>npm ci</c> (.ci/run does it).</summary>
internal static class NodeTools
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "tests", "tools");

    public static string File(string name) => Path.Combine(Folder, name);

    /// <summary>Runs <paramref name="tool"/> from node_modules/.bin; its exit code and what it wrote to stdout and stderr.</summary>
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(Folder, "node_modules", ".bin", tool);
        if (!System.IO.File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run `npm ci` in {Folder} (.ci/run does)");
        }

        var start = new ProcessStartInfo(path) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "Platform.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("no Platform.sln above " + AppContext.BaseDirectory);
    }
}
