using Platform.Gateway;

var app = PlatformApp.Create(args);
await app.RunAsync();
