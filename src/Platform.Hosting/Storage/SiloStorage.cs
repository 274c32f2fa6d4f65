using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Platform.Grains.Persistence;

namespace Platform.Hosting.Storage;

/// <summary>Grain state and reminders on the database of the storage mode, through the Orleans ADO.NET providers over
/// the project's own scripts.</summary>
public static class SiloStorage
{
    public static ISiloBuilder AddPlatformStorage(this ISiloBuilder silo, PlatformDatabase database)
    {
        var data = PlatformDataSource.For(database);
        silo.Services.AddSingleton(data);
        silo.AddAdoNetGrainStorage(StorageNames.Provider, options =>
        {
            options.Invariant = data.Invariant;
            options.DataSource = data.Source;
            options.GrainStorageSerializer = new JsonGrainStorageSerializer();
        });
        // Durable reminders: rows keyed by service id, so a restarted silo on the same database reloads and fires
        // them. Orleans only takes DataSource or ConnectionString, never both; for SQLite the data source is what
        // carries our per-connection pragmas.
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = data.Invariant;
            options.DataSource = data.Source;
        });
        return silo.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromMinutes(30));
    }
}
