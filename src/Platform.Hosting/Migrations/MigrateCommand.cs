using Microsoft.Extensions.Configuration;
using Platform.Hosting.Storage;

namespace Platform.Hosting.Migrations;

/// <summary>
/// <c>migrate</c>: applies the schema scripts of the configured storage mode and exits; 0 when the database is current
/// (whether or not anything was applied), 1 when it refused or failed. Configuration as the host reads it:
/// appsettings.json beside the program, environment variables, then the command line.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        try
        {
            var database = PlatformDatabase.From(configuration);
            var result = await database.MigrateAsync();
            foreach (var script in result.Applied)
            {
                await output.WriteLineAsync($"applied {script} (sha256 {script.Checksum})");
            }

            await output.WriteLineAsync(result.Applied.Count == 0
                ? $"{result.Database} is current at schema version {result.CurrentVersion}; nothing to apply."
                : $"{result.Database} is now at schema version {result.CurrentVersion}.");
            return 0;
        }
        catch (System.Data.Common.DbException exception)
        {
            await error.WriteLineAsync($"migrate: {exception.Message}. Check ConnectionStrings:Platform and that the database is reachable; scripts applied before the failure stay applied.");
            return 1;
        }
        catch (Exception exception) when (exception is MigrationRefusedException or InvalidOperationException)
        {
            await error.WriteLineAsync($"migrate: {exception.Message}");
            return 1;
        }
    }
}
