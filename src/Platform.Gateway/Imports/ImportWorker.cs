using Platform.Contracts.Identity;
using Platform.Contracts.Imports;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;

namespace Platform.Gateway.Imports;

/// <summary>
/// Runs the import jobs posted to this gateway, <see cref="Concurrency"/> at a time, each from its spooled file, as
/// the caller who posted it; deletes each spool when its job ends. A job this gateway cannot run to the end (it
/// stops) is marked failed, so nobody waits for it.
/// </summary>
internal sealed partial class ImportWorker(
    ImportJobs jobs, HierarchyImporter importer, IGrainFactory grains, NodeAncestry ancestry, ILogger<ImportWorker> logger) : BackgroundService
{
    private const int Concurrency = 2;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(() => RunJobsAsync(stoppingToken), CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        jobs.Close();
        await base.StopAsync(cancellationToken);
    }

    private async Task RunJobsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in jobs.Queue.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken stoppingToken)
    {
        try
        {
            using var caller = CallerContext.As(job.Caller);
            using var source = job.Upload.Open();
            await importer.RunAsync(job.Tenant, job.ImportId, source, job.AcceptedAt, stoppingToken);
        }
        catch (ImportFileException refused)
        {
            await FailAsync(job, $"The file {refused.Message}");
        }
        catch (Exception exception)
        {
            LogJobFailed(logger, exception, job.Tenant, job.ImportId);
            await FailAsync(job, stoppingToken.IsCancellationRequested
                ? "The gateway stopped before the import ended; rows already applied stay. Import the file again: rows already applied count as unchanged."
                : $"The import stopped on an error ({exception.GetType().Name}); rows already applied stay. Import the file again: rows already applied count as unchanged.");
        }
        finally
        {
            // An import may have moved nodes: what this gateway remembers of where they sit is stale.
            ancestry.ForgetAll();
            job.Upload.Delete();
            jobs.Done(job.ImportId);
        }
    }

    private async Task FailAsync(ImportJob job, string problem)
    {
        try
        {
            await grains.GetGrain<IImportReportGrain>(GrainKeys.Import(job.Tenant, job.ImportId)).Fail(problem, 0);
        }
        catch (Exception exception)
        {
            LogJobFailed(logger, exception, job.Tenant, job.ImportId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} into {Tenant} failed")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string tenant, string importId);
}
