using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Hosting.Tests;

/// <summary>Durable reminders for real: the Orleans ADO.NET reminder provider over a SQLite file (0002-reminders.sql).</summary>
public sealed class SqliteReminderTests : IDisposable
{
    // Orleans rejects periods under ReminderOptions.MinimumReminderPeriod (one minute by default); the due time is not
    // checked. The tests lower the minimum so a tick after a restart comes within seconds: a tick whose due time passed
    // while no silo ran is not replayed, the reminder next fires at StartAt + n * Period.
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private readonly TemporaryDatabase _database = new();

    [Fact]
    public async Task A_reminder_survives_a_silo_restart_and_fires_on_the_new_silo()
    {
        var key = Guid.NewGuid().ToString("N");
        await using (var silo = await StartAsync())
        {
            await silo.Grains.GetGrain<IReminderTestGrain>(key).Register(TimeSpan.FromSeconds(1), Period);
        }

        var restartedAt = DateTimeOffset.UtcNow;
        await using (var silo = await StartAsync())
        {
            Assert.Equal([ReminderTestGrain.ReminderName], await silo.Grains.GetGrain<IReminderTestGrain>(key).ReminderNames());
            await ReminderTestGrain.WaitForTickAfterAsync(key, restartedAt, TimeSpan.FromSeconds(15));
        }
    }

    [Fact]
    public async Task An_unregistered_reminder_is_deleted_and_stays_gone_after_a_restart()
    {
        var key = Guid.NewGuid().ToString("N");
        await using (var silo = await StartAsync())
        {
            var grain = silo.Grains.GetGrain<IReminderTestGrain>(key);
            await grain.Register(TimeSpan.FromMinutes(5), Period);
            Assert.Equal(1L, CountReminderRows());

            await grain.Unregister();
            Assert.Empty(await grain.ReminderNames());
            Assert.Equal(0L, CountReminderRows());
        }

        await using (var silo = await StartAsync())
        {
            Assert.Empty(await silo.Grains.GetGrain<IReminderTestGrain>(key).ReminderNames());
        }
    }

    [Fact]
    public async Task The_table_versions_upserts_rejects_stale_deletes_and_reads_both_kinds_of_hash_range()
    {
        await using var silo = await StartAsync();
        // SQLite keeps every tick of the start time.
        var deleted = await StorageChecks.The_reminder_table_versions_upserts_rejects_stale_deletes_and_reads_both_kinds_of_hash_range(
            silo, new DateTime(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9));
        var table = silo.Services.GetRequiredService<IReminderTable>();
        Assert.False(await table.RemoveRow(GrainId.Create("reminder-test", "table"), "stage", deleted));
    }

    public void Dispose() => _database.Dispose();

    private Task<EmbeddedSilo> StartAsync() => EmbeddedSilo.StartAsync(_database.Path,
        services => services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = Period));

    private long CountReminderRows()
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM OrleansRemindersTable";
        return (long)count.ExecuteScalar()!;
    }
}
