using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;
using Platform.Gateway.Api;

namespace Platform.Bench.Baseline;

/// <summary>
/// The baseline as a plain web app: the same routes and the same scoring, over PostgreSQL, served over real HTTP
/// from the harness process, so both sides pay for HTTP, JSON and scoring alike. Pages come from the reader it is
/// given: GROUP BY on read (<see cref="BaselineDatabase"/>) or trigger-maintained rollup rows
/// (<see cref="TriggerMaintainedRollups"/>).
/// </summary>
public sealed class BaselineApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BaselineApp(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BaselineApp> StartAsync(NpgsqlDataSource data, Func<string, Task<BaselinePage?>> readPage)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(new BaselineDatabase(data));
        var app = builder.Build();
        var framework = DefaultFrameworks.Create(RatingScheme.Stars, 1, DateTimeOffset.UnixEpoch);

        app.MapPut("/orgs/{code}/assessment", async (string code, AssessmentRequest request, BaselineDatabase database) =>
        {
            var scored = Assessor.Score(framework, request.ToInput());
            if (!scored.Succeeded)
            {
                return Results.BadRequest();
            }

            var revision = await database.UpsertAsync(code, scored.Assessment!);
            return Results.Ok(new { total = scored.Assessment!.Total, rating = scored.Assessment.Rating.ToApiName(), compliant = scored.Assessment.Compliant, revision });
        });
        app.MapGet("/nodes/{code}", async (string code) => await readPage(code) is { } page ? Results.Ok(page) : Results.NotFound());

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BaselineApp(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
