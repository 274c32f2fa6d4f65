namespace Platform.Cluster.Tests.Load;

/// <summary>How the platform answered one submission.</summary>
internal enum AttemptResult
{
    /// <summary>2xx: stored, with the revision and values in the answer.</summary>
    Acknowledged,

    /// <summary>503: refused for now, to be retried.</summary>
    Unavailable,

    /// <summary>412: the branch moved on since the client last knew it (an attempt without a clear answer was applied).</summary>
    Stale,

    /// <summary>No HTTP answer at all: the connection failed or the client gave up waiting.</summary>
    NoAnswer,

    /// <summary>In flight when the load was stopped: the client gave up on it, whatever the platform did.</summary>
    Abandoned,

    /// <summary>Any other status: an error the load does not expect (a 500, a 4xx).</summary>
    Error,
}

/// <summary>One submission: by which writer, to which branch, when it was sent and answered, and how.</summary>
internal sealed record Attempt(int Writer, string Code, TimeSpan SentAt, TimeSpan AnsweredAt, AttemptResult Result, int? Status)
{
    /// <summary>The platform did not serve it: a 503, a 5xx or no answer (a 412 is the client's own news, not an outage).</summary>
    public bool Failed => Result is AttemptResult.Unavailable or AttemptResult.NoAnswer || (Result == AttemptResult.Error && Status >= 500);
}
