using Platform.Hosting;
using Platform.Hosting.Health;
using Platform.Hosting.Migrations;

// `migrate` applies the schema scripts of the configured storage mode and exits, as the gateway's does.
if (args.Length > 0 && args[0] == MigrateCommand.Name)
{
    return await MigrateCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

// No appsettings.json: every setting has its default in code, and the rest comes from the environment or the command
// line (the contract in helm/platform/README.md). HTTP serves the probes alone, on ASPNETCORE_URLS / --urls.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddPlatformSilo();
var app = builder.Build();
app.MapPlatformHealth();
await app.RunAsync();
return 0;
