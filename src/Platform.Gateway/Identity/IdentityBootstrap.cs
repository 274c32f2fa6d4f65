using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Domain.Identity;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Identity;

/// <summary>
/// On the cluster's first start, creates the operator with a random password and writes it to
/// <see cref="InitialCredentials"/> of the gateway that does it (one, however many start together: <see cref="FirstStart"/>).
/// Runs before the gateway takes requests; a restart finds the work done, or the operator there, and writes nothing.
/// </summary>
internal sealed partial class IdentityBootstrap(
    IGrainFactory grains, AccountProvisioning provisioning, InitialCredentials credentials, SigningKeys keys, FirstStart firstStart,
    ILogger<IdentityBootstrap> logger) : IHostedService
{
    public const string OperatorUsername = "operator";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogKeys(logger, keys.Source);
        await firstStart.RunOnceAsync(FirstStart.Operator, _ => CreateOperatorAsync(), cancellationToken);
    }

    private async Task CreateOperatorAsync()
    {
        if (await grains.GetGrain<IAccountGrain>(GrainKeys.Account(null, OperatorUsername)).Get() is not null)
        {
            return;
        }

        var created = await provisioning.CreateAsync(null, new AccountDraft(OperatorUsername, "平台运维", Role.Operator, null), mustChangePassword: false);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"could not create the operator account: {created.Detail}");
        }

        await credentials.AddAsync([created.Value!.ToCredential()]);
        LogOperatorCreated(logger, credentials.Path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Access tokens are signed with {Source}")]
    private static partial void LogKeys(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the operator account; its password is in {Path} (owner-only). Change it and delete the file.")]
    private static partial void LogOperatorCreated(ILogger logger, string path);
}
