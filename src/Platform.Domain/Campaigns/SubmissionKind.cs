namespace Platform.Domain.Campaigns;

/// <summary>Who scored a <see cref="Submission"/>.</summary>
public enum SubmissionKind
{
    /// <summary>自评: the branch scored itself.</summary>
    SelfAssessment = 0,

    /// <summary>审核: the supervising region revised the latest scores.</summary>
    Review = 1,

    /// <summary>交叉检查: another city's reviewers re-scored a sampled branch.</summary>
    CrossCheck = 2,

    /// <summary>申诉裁定: an upheld appeal corrected the result.</summary>
    AppealDecision = 3,
}

public static class SubmissionKinds
{
    public static string ToApiName(this SubmissionKind kind) => kind switch
    {
        SubmissionKind.SelfAssessment => "selfAssessment",
        SubmissionKind.Review => "review",
        SubmissionKind.CrossCheck => "crossCheck",
        SubmissionKind.AppealDecision => "appealDecision",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
