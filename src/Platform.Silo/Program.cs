using Platform.Hosting;
using Platform.Hosting.Health;
using Platform.Hosting.Migrations;
using Platform.Hosting.Telemetry;

// `migrate` applies the schema scripts of the configured storage mode and exits, as the gateway's does.
if (args.Length > 0 && args[0] == MigrateCommand.Name)
{
    return await MigrateCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

// No appsettings.json: every setting has its default in code, and the rest comes from the environment or the command
// line (the contract in helm/platform/README.md). HTTP, on ASPNETCORE_URLS / --urls, serves the probes, the metrics
// scrape and (when enabled) the Orleans Dashboard: a port private to the cluster, so the dashboard asks no sign-in.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddPlatformSilo();
builder.AddPlatformTelemetry("platform-silo");
var app = builder.Build();
app.MapPlatformHealth();
app.MapPlatformTelemetry(dashboardPolicy: null);
await app.RunAsync();
return 0;
