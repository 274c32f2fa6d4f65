using Platform.Gateway.Tests.Infrastructure;

namespace Platform.Gateway.Tests.Audit;

/// <summary>
/// A gateway whose audit log can be read without an account (<c>Platform:Audit:UnguardedReads</c>, the tests' switch
/// until authorization lands), shared by the tests of a class.
/// </summary>
public sealed class AuditFixture : IAsyncLifetime
{
    private LoopbackGateway? _gateway;

    public HttpClient Http => _gateway!.Http;

    public async Task InitializeAsync() => _gateway = await LoopbackGateway.StartAsync(
        "--Platform:Seed:Demo=false", "--Platform:Rollup:ReportInterval=00:00:00.020", "--Platform:Audit:UnguardedReads=true");

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
