namespace Platform.Gateway.Hosting;

/// <summary><c>Platform:FirstStart</c>: how the gateways of a cluster share the first-start work.</summary>
public sealed class FirstStartOptions
{
    public const string Section = "Platform:FirstStart";

    /// <summary>How long a claim lasts unless renewed (a third of it is the renewal period): how long the others wait
    /// before taking over the work of a gateway that crashed while doing it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a gateway waiting for another's work asks whether it is done.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
