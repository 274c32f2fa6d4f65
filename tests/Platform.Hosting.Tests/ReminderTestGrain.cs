using System.Collections.Concurrent;

namespace Platform.Hosting.Tests;

/// <summary>A grain with one named reminder, standing in for a campaign stage deadline.</summary>
public interface IReminderTestGrain : IGrainWithStringKey
{
    Task Register(TimeSpan dueTime, TimeSpan period);

    Task Unregister();

    Task<string[]> ReminderNames();
}

public sealed class ReminderTestGrain : Grain, IReminderTestGrain, IRemindable
{
    public const string ReminderName = "deadline";

    // Ticks by grain key, in process: the tests read them to see which silo fired (a tick after a restart can only
    // come from the new silo, which knows the reminder only from the SQLite file).
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> Ticks = new();

    public Task Register(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public async Task Unregister()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<string[]> ReminderNames() => [.. (await this.GetReminders()).Select(r => r.ReminderName)];

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.GetOrAdd(this.GetPrimaryKeyString(), _ => new()).Enqueue(DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public static async Task WaitForTickAfterAsync(string key, DateTimeOffset after, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!(Ticks.TryGetValue(key, out var ticks) && ticks.Any(t => t > after)))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The reminder of {key} did not fire after {after:O} within {timeout}");
            await Task.Delay(50);
        }
    }
}
