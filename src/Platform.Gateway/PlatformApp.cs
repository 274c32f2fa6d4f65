using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Platform.Gateway.Access;
using Platform.Gateway.Api;
using Platform.Gateway.Audit;
using Platform.Gateway.Endpoints;
using Platform.Gateway.Hardening;
using Platform.Gateway.Hosting;
using Platform.Gateway.Identity;
using Platform.Gateway.Imports;
using Platform.Gateway.Infrastructure;
using Platform.Gateway.OpenApi;
using Platform.Gateway.Seeding;
using Platform.Hosting.Health;
using Platform.Hosting.Telemetry;
using Scalar.AspNetCore;

namespace Platform.Gateway;

/// <summary>The gateway and, in the embedded mode (the default), the silo beside it: one process, one command.</summary>
public static class PlatformApp
{
    /// <summary>The request body limit of every route that sets none of its own.</summary>
    public const long DefaultMaxBodyBytes = 64 * 1024;

    /// <param name="logs">A further log provider (the tests read what is logged).</param>
    public static WebApplication Create(string[] args, ILoggerProvider? logs = null)
    {
        // The content root is the application's own folder, not the working directory: the working directory holds the
        // database by default, and the configuration watcher would otherwise wake on every write to its WAL file.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddPlatformGrains();
        builder.AddPlatformFirstStart();
        builder.AddPlatformTelemetry("platform-gateway");
        builder.AddPlatformIdentity();

        // Small by default: most bodies are a few fields. Routes that take more say so (RequestSizeLimit metadata).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = DefaultMaxBodyBytes);

        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = UnsupportedMediaTypes.Describe);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

            // A key sent twice is refused, in objects and dictionaries alike, rather than the last silently winning.
            options.SerializerOptions.AllowDuplicateProperties = false;
            options.SerializerOptions.Converters.Add(new ExactDecimalConverter());
        });
        builder.Services.AddOpenApi(options => options
            .AddDocumentTransformer(ApiDescription.Apply)
            .AddDocumentTransformer(AccessOpenApi.AddScheme)
            .AddOperationTransformer(OperationIds.Assign)
            .AddOperationTransformer(RouteParameters.Declare)
            .AddOperationTransformer(AccessOpenApi.Describe)
            .AddOperationTransformer(Vocabularies.DeclareParameters)
            .AddOperationTransformer(StandardResponses.Declare)
            .AddOperationTransformer(Examples.Add)
            .AddOperationTransformer(FileResponses.Declare)
            .AddOperationTransformer(FileUploads.Declare)
            .AddSchemaTransformer(SeedTextConverter.DescribeSchema)
            .AddSchemaTransformer(NumberSchemas.DeclareDecimals)
            .AddSchemaTransformer(ProblemSchemas.Open)
            .AddSchemaTransformer(RequestSchemas.DeclareRequired)
            .AddSchemaTransformer(Vocabularies.DeclareFields));
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddSingleton<AccessFilter>();
        builder.Services.AddSingleton<HierarchyImporter>();
        builder.Services.AddSingleton<ImportJobs>();
        builder.Services.AddHostedService<ImportWorker>();
        builder.AddPlatformAudit();
        builder.AddPlatformHardening();
        builder.Services.Configure<DemoSeedOptions>(builder.Configuration.GetSection("Platform:Seed"));
        builder.Services.AddHostedService<DemoSeeder>();

        var app = builder.Build();
        app.UsePlatformHardening();
        app.Use(RetryAfter.OnUnavailable);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePlatformAuthentication();
        app.UsePlatformRateLimits();
        app.UsePlatformCaller();

        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapPlatformHealth();
        app.MapPlatformTelemetry(PlatformIdentity.OperatorPolicy);
        app.MapDiagnosticsEndpoints(app.Configuration);

        app.MapGroup("/api/v1/auth").WithTags("Accounts").AddEndpointFilter<RequestBodyFilter>().MapAuthEndpoints();
        var tenants = app.MapGroup("/api/v1/tenants").WithTags("Tenants")
            .AddEndpointFilter<TenantCreationLimit>()
            .AddEndpointFilter<RequestBodyFilter>()
            .AddEndpointFilter<AuditFilter>()
            .MapTenantEndpoints();
        tenants.MapGroup("/{tenant}")
            .RequireAuthorization()
            .AddEndpointFilter<AccessFilter>()
            .MapAuditEndpoints()
            .MapNodeEndpoints()
            .MapAssessmentEndpoints()
            .MapFrameworkEndpoints()
            .MapImportEndpoints()
            .MapCampaignEndpoints()
            .MapAccountEndpoints()
            .MapExternalProviderEndpoints()
            .MapExportEndpoints();

        app.Lifetime.ApplicationStarted.Register(() => AnnounceAddresses(app));
        return app;
    }

    private static void AnnounceAddresses(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var credentials = app.Services.GetRequiredService<InitialCredentials>().Path;
        if (File.Exists(credentials))
        {
            Console.WriteLine($"Initial credentials (owner-only; sign in with them, change the passwords, then delete the file): {credentials}");
        }

        foreach (var address in addresses)
        {
            Console.WriteLine($"Platform is listening on {address}");
            Console.WriteLine($"  API reference: {address}/scalar/v1   (OpenAPI document: {address}/openapi/v1.json)");
            Console.WriteLine($"  Demo province: {address}/api/v1/tenants/demo");
        }
    }
}
