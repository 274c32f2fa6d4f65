namespace Platform.Grains.Telemetry;

/// <summary>Which kind of assessment a submission was, for the submissions counter (tag <c>kind</c>).</summary>
public enum AssessmentSubmission
{
    /// <summary>A branch's standing assessment before any campaign rated it.</summary>
    Baseline,

    /// <summary>自评: a branch's self-assessment in a campaign.</summary>
    SelfAssessment,

    /// <summary>审核: the level above's review in a campaign.</summary>
    Review,
}
