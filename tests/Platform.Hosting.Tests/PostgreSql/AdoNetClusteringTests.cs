using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Contracts.Tenancy;
using Platform.Domain.Framework;
using Platform.Domain.Scoring;
using Platform.Testing;
using static Platform.Hosting.Tests.PostgreSql.PostgresQueries;

namespace Platform.Hosting.Tests.PostgreSql;

/// <summary>Membership in PostgreSQL (<c>Platform:Cluster:Mode=AdoNet</c>) through the project's clustering script.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AdoNetClusteringTests(PostgresServer server)
{
    private static readonly Dictionary<string, string?> AdoNetClustering = new()
    {
        ["Platform:Cluster:Mode"] = "AdoNet",
        ["Platform:Cluster:AdvertisedIPAddress"] = "127.0.0.1",
    };

    [Fact]
    public async Task Two_silos_join_through_the_membership_table_and_a_stopped_one_is_declared_dead_then_cleaned_up()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var first = await EmbeddedSilo.StartOnPostgreSqlAsync(connectionString, settings: AdoNetClustering);
        var second = await EmbeddedSilo.StartOnPostgreSqlAsync(connectionString, settings: AdoNetClustering);
        await using (second)
        {
            Assert.Equal(["3", "3"], await QueryAsync(connectionString, "SELECT Status FROM OrleansMembershipTable ORDER BY Port"));

            using var platform = CallerContext.As(Caller.System("hunan", "test"));
            Assert.True((await second.Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant("hunan")).Upsert("湖南", RatingScheme.Stars, expectedRevision: null)).Succeeded);
            Assert.Equal("湖南", (await first.Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant("hunan")).Get())!.Name);
        }

        // A graceful stop marks the silo Dead (6); the cleanup query (dotnet/orleans#9125) removes dead rows older than the cut-off.
        Assert.Equal(["3", "6"], await QueryAsync(connectionString, "SELECT Status FROM OrleansMembershipTable ORDER BY Status"));
        var table = first.Services.GetRequiredService<IMembershipTable>();
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(["3"], await QueryAsync(connectionString, "SELECT Status FROM OrleansMembershipTable ORDER BY Status"));
    }
}
