using System.Diagnostics;
using Microsoft.Extensions.Options;
using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Audit;
using Platform.Contracts.Identity;
using Platform.Contracts.Campaigns;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Tenancy;
using Platform.DemoData;
using Platform.Domain.Campaigns;
using Platform.Domain.Framework;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Gateway.Identity;
using Platform.Gateway.Audit;
using Platform.Gateway.Hosting;
using Platform.Gateway.Imports;

namespace Platform.Gateway.Seeding;

/// <summary>
/// On the cluster's first start (once, however many gateways start together: <see cref="FirstStart"/>), fills the <c>demo</c> tenant with Hunan's real divisions and a generated set of schools,
/// organisations and assessments, through the same import and assessment paths the API uses. Runs in the
/// background, so the API answers while it works; a restart after it finished finds the root set and does nothing.
/// </summary>
internal sealed partial class DemoSeeder(
    IOptions<DemoSeedOptions> options,
    IGrainFactory grains,
    HierarchyImporter importer,
    AccountProvisioning provisioning,
    InitialCredentials credentials,
    AuditTrail audit,
    IHostApplicationLifetime lifetime,
    FirstStart firstStart,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Demo || !await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        try
        {
            await firstStart.RunOnceAsync(FirstStart.DemoSeed, SeedAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogInterrupted(logger);
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var tenant = grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(DemoSeedOptions.TenantId));
        if (await tenant.Get() is { RootCode: not null })
        {
            return;
        }

        // Everything the seed writes is the platform's own work, recorded as system:seed.
        using var platform = CallerContext.As(Caller.System(DemoSeedOptions.TenantId, "seed"));
        var stopwatch = Stopwatch.StartNew();
        LogSeeding(logger, DemoSeedOptions.TenantId);
        var named = await tenant.Upsert("湖南省教育系统（演示数据）", RatingScheme.Stars, expectedRevision: null);
        await RecordAsync("TenantUpsert", AuditTargets.Tenant, null, named.Value?.Name);
        var province = options.Value.SchoolsPerCounty is { } schools
            ? DemoProvince.Generate(new DemoProvinceOptions { SchoolsPerCounty = schools })
            : DemoProvince.Generate();
        using var csv = new StringReader(province.HierarchyCsv);
        var (report, problem) = await importer.ImportAsync(DemoSeedOptions.TenantId, csv, cancellationToken);
        if (report is null || report.Rejected > 0)
        {
            LogImportFailed(logger, problem ?? $"{report!.Rejected} rows rejected");
            return;
        }

        await SeedAccountsAsync(province);
        await RecordAsync("ImportImportHierarchy", $"imports/{report.ImportId}", null, $"import {report.ImportId}: {report.Created} created");

        var done = 0;
        await Parallel.ForEachAsync(province.Assessments, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (item, _) =>
        {
            var node = grains.GetGrain<INodeGrain>(GrainKeys.Node(DemoSeedOptions.TenantId, item.Code));
            var current = await node.GetAssessment();
            var put = await node.PutAssessment(item.Input, current.Succeeded ? current.Value!.Revision : null);
            await RecordAsync("AssessmentPut", $"orgs/{item.Code}", item.Code, Rating(put.Value?.Assessment));
            if (Interlocked.Increment(ref done) % 1000 == 0)
            {
                LogAssessments(logger, done, province.Assessments.Count);
            }
        });

        var campaign = await SeedCampaignAsync(province, cancellationToken);
        LogSeeded(logger, DemoSeedOptions.TenantId, province.Schools, province.Organisations, province.Assessments.Count, stopwatch.Elapsed.TotalSeconds);
        LogCampaign(logger, campaign);
    }

    /// <summary>
    /// The demo's tenant admin and one account per role, with random passwords written to the initial credentials file
    /// (never to a log). An account that exists already keeps its password, so a seed that starts over writes no new ones.
    /// </summary>
    private async Task SeedAccountsAsync(GeneratedProvince province)
    {
        const string changsha = "430100";
        AccountDraft[] drafts =
        [
            new("admin", "省委教育工委（演示）", Role.TenantAdmin, province.RootCode),
            new("changsha", "长沙市委教育工委（演示）", Role.RegionAdmin, changsha),
            new("secretary", "支部书记（演示）", Role.BranchSecretary, province.Assessments[0].Code),
            new("reviewer", "长沙市评审员（演示）", Role.Reviewer, changsha),
            new("viewer", "省级领导（演示）", Role.Viewer, province.RootCode),
        ];
        var issued = new List<InitialCredential>();
        foreach (var draft in drafts)
        {
            var created = await provisioning.CreateAsync(DemoSeedOptions.TenantId, draft, mustChangePassword: false);
            if (created.Succeeded)
            {
                issued.Add(created.Value!.ToCredential());
            }
            else if (created.Failure != Failure.Conflict)
            {
                LogImportFailed(logger, $"demo account '{draft.Username}': {created.Detail}");
            }
        }

        if (issued.Count > 0)
        {
            await credentials.AddAsync(issued);
            LogAccounts(logger, issued.Count, credentials.Path);
        }
    }

    /// <summary>A campaign in self-assessment with most branches in, so progress, rankings and laggards have something
    /// to show; the README walkthrough runs a second one start to finish.</summary>
    private async Task<string> SeedCampaignAsync(GeneratedProvince province, CancellationToken cancellationToken)
    {
        var tenant = DemoSeedOptions.TenantId;
        var id = await grains.GetGrain<ICampaignDirectoryGrain>(GrainKeys.CampaignDirectory(tenant)).NextId();
        var campaign = grains.GetGrain<ICampaignGrain>(GrainKeys.Campaign(tenant, id));
        var definition = new CampaignDefinition("2026年度五化星级评定（演示）", CampaignKind.AnnualStarRating, [province.RootCode], 1,
            new Dictionary<CampaignStage, DateTimeOffset> { [CampaignStage.SelfAssessment] = DateTimeOffset.UtcNow.AddDays(14) },
            CrossCheckPolicy.Default, new QuotaPolicy(NodeKind.City, [new RatingQuota(RatingLevel.Star5, 0.3m)]), Seed: 2026);
        var created = await campaign.Create(definition);
        var opened = created.Succeeded ? await campaign.Advance(CampaignStage.SelfAssessment) : created;
        if (!opened.Succeeded)
        {
            LogImportFailed(logger, $"demo campaign: {opened.Detail}");
            return id;
        }

        await RecordAsync("CampaignCreate", $"campaigns/{id}", null, "draft");
        await RecordAsync("CampaignAdvance", $"campaigns/{id}", null, "selfAssessment");

        var evidence = new Dictionary<string, string> { ["2.1"] = "支委会会议记录" };
        var submitters = province.Assessments.Where((_, i) => i % 7 != 0).ToList();
        await Parallel.ForEachAsync(submitters, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (item, _) =>
        {
            var submitted = await grains.GetGrain<ICampaignEntryGrain>(GrainKeys.CampaignEntry(tenant, id, item.Code))
                .SubmitSelfAssessment(new SelfAssessmentInput(item.Input, evidence), null);
            await RecordAsync("CampaignPutSelfAssessment", $"campaigns/{id}/branches/{item.Code}", item.Code, Rating(submitted.Value?.SelfAssessment?.Assessment));
        });
        return id;
    }

    /// <summary>The seed's writes are the platform's own: each is a line in the demo tenant's audit log as <c>system:seed</c>,
    /// under the operation id of the route that would have made it.</summary>
    private Task RecordAsync(string operation, string target, string? node, string? after) =>
        audit.RecordAsync(DemoSeedOptions.TenantId, Caller.System(DemoSeedOptions.TenantId, "seed"), operation, target, node, StatusCodes.Status200OK, null, after);

    private static string? Rating(Domain.Scoring.Assessment? assessment) =>
        assessment is null ? null : $"{assessment.Rating.ToApiName()} {assessment.Total.ToString(CultureInfo.InvariantCulture)}";

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding the demo tenant '{Tenant}' (a few seconds; the API already answers)")]
    private static partial void LogSeeding(ILogger logger, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo accounts: {Count}, one per role; their passwords are in {Path}")]
    private static partial void LogAccounts(ILogger logger, int count, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo assessments: {Done}/{Total}")]
    private static partial void LogAssessments(ILogger logger, int done, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant '{Tenant}' ready: {Schools} schools, {Organisations} organisations, {Assessments} assessments in {Seconds:F1}s")]
    private static partial void LogSeeded(ILogger logger, string tenant, int schools, int organisations, int assessments, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo campaign '{Campaign}' is in self-assessment: try GET /api/v1/tenants/demo/campaigns/{Campaign}/progress")]
    private static partial void LogCampaign(ILogger logger, string campaign);

    [LoggerMessage(Level = LogLevel.Error, Message = "The demo import failed: {Problem}. Delete the database file and start again.")]
    private static partial void LogImportFailed(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seeding was interrupted; it starts over on the next start.")]
    private static partial void LogInterrupted(ILogger logger);
}
