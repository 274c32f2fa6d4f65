using Platform.Gateway;
using Platform.Hosting.Migrations;

// `migrate` applies the schema scripts of the configured storage mode and exits, before any web host is built.
if (args.Length > 0 && args[0] == MigrateCommand.Name)
{
    return await MigrateCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var app = PlatformApp.Create(args);
await app.RunAsync();
return 0;
