using System.Globalization;

namespace Platform.Domain.Campaigns;

/// <summary>
/// The shortest public display (公示) before results may become final: provinces show results for about five days
/// before they are confirmed (认定), and a tenant may set its own minimum. Days are calendar days of 24 hours from the
/// moment publicity opened.
/// </summary>
public static class PublicityPeriod
{
    public const int DefaultDays = 5;

    public const int MaxDays = 30;

    /// <summary>Why <paramref name="days"/> cannot be a tenant's minimum, or null when it can.</summary>
    public static string? Problem(int days) =>
        days is < 0 or > MaxDays ? $"must be between 0 and {MaxDays} days (the default is {DefaultDays})" : null;

    /// <summary>The first moment results may become final.</summary>
    public static DateTimeOffset FinalFrom(DateTimeOffset began, int minimumDays) => began.AddDays(minimumDays);

    /// <summary>Why the results cannot become final at <paramref name="now"/>, or null when the minimum has passed.</summary>
    public static string? TooEarly(DateTimeOffset began, int minimumDays, DateTimeOffset now)
    {
        var from = FinalFrom(began, minimumDays);
        return now >= from
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"publicity (公示) began at {began.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z; results can be final from {from.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z " +
                $"(the tenant's minimum publicity is {minimumDays} days). Advance to final then; a publicity deadline keeps trying on its own.");
    }
}
