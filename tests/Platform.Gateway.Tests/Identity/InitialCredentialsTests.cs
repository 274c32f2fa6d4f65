using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Platform.Bench.SignIn;
using Platform.Gateway.Identity;
using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Identity;

/// <summary>The credentials a first start generates: written once, owner-only, and never logged.</summary>
public sealed class InitialCredentialsTests
{
    [Fact]
    public async Task A_restart_generates_no_new_credentials_and_the_first_ones_still_sign_in()
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-credentials-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string written;
            await using (var first = await LoopbackGateway.StartInAsync(folder, "--Platform:Seed:Demo=false"))
            {
                written = await File.ReadAllTextAsync(Path.Combine(folder, InitialCredentials.FileName));
                Assert.Equal(HttpStatusCode.OK, (await first.Http.GetAsync("/api/v1/tenants")).StatusCode);
            }

            var key = await File.ReadAllTextAsync(Path.Combine(folder, SigningKeys.FileName));
            await using (var second = await LoopbackGateway.StartInAsync(folder, "--Platform:Seed:Demo=false"))
            {
                Assert.Equal(written, await File.ReadAllTextAsync(Path.Combine(folder, InitialCredentials.FileName)));
                Assert.Equal(key, await File.ReadAllTextAsync(Path.Combine(folder, SigningKeys.FileName)));
                Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync("/api/v1/tenants")).StatusCode);
            }
        }
        finally
        {
            Platform.Testing.SqlitePools.Release(Path.Combine(folder, "platform.db"));
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task No_password_the_platform_generates_or_receives_appears_in_its_logs()
    {
        var logs = new CapturedLogs();
        await using var gateway = await LoopbackGateway.StartLoggingAsync(logs, "--Platform:Seed:Demo=false", "--Logging:LogLevel:Default=Debug",
            "--Logging:LogLevel:Orleans=Information", "--Logging:LogLevel:Microsoft.Orleans=Information");
        var secrets = new List<string> { gateway.Clients.Credentials.Single().Password };

        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        var created = await (await gateway.Http.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = "日志测试" })).JsonAsync();
        secrets.Add(created.GetProperty("initialAdmin").GetProperty("password").GetString()!);
        await gateway.Http.GetAsync($"/api/v1/tenants/{tenant}/accounts");
        var admin = gateway.Clients.Tokens.AdminOf(tenant)!;
        secrets.Add(admin.Password);
        using var anonymous = gateway.Anonymous();
        var signedIn = await (await anonymous.PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant, username = admin.Username, password = admin.Password })).JsonAsync();
        await anonymous.PostAsJsonAsync("/api/v1/auth/sign-in", new { tenant, username = admin.Username, password = "Wrong-guess-123" });
        secrets.Add("Wrong-guess-123");
        secrets.Add(signedIn.GetProperty("refreshToken").GetString()!.Split('.')[1]);

        Assert.NotEmpty(logs.Lines);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{formatter(state, exception)} {exception}");
        }
    }
}
