using Platform.Domain.Framework;

namespace Platform.Domain.Campaigns;

/// <summary>What the campaign itself does to an entry: the draw, the cross-check cascade, and final (认定).</summary>
public sealed partial record CampaignEntry
{
    /// <summary>The draw picked this branch for <paramref name="reviewerCity"/> to re-score. Idempotent; an official
    /// result is settled, so a late or stray assignment leaves it as it is.</summary>
    public CampaignEntry MarkSampled(string reviewerCity) => CrossCheck is not null || Final is not null
        ? this
        : this with { CrossCheck = new CrossCheckRecord(reviewerCity, null, null, false), Revision = Revision + 1 };

    /// <summary>
    /// A sampled branch of the same school failed the cross-check, so a passing result goes back for re-assessment.
    /// Only a passing result that is not itself a cross-check finding goes back, and a returned branch stays returned.
    /// Its review stays too: the branch owes a new self-assessment and a review of it, and until that review its latest
    /// reviewed scores stand, at final as anywhere.
    /// </summary>
    public CampaignEntry SendBack(string failedBranchCode, DateTimeOffset now)
    {
        if (failedBranchCode == Branch?.Code || Final is not null || Returned
            || Result?.Assessment.Compliant != true || CrossCheck?.Result is not null)
        {
            return this;
        }

        var line = new ScoreAuditRecord(now, "cross-check", CampaignStage.CrossCheck, ScoreAuditRecord.ReturnedKey, null, null,
            $"sent back for re-assessment: '{failedBranchCode}' of the same school failed the cross-region check");
        return this with { ReturnedAt = now, Reassessed = false, Audit = [.. Audit, line], Revision = Revision + 1 };
    }

    /// <summary>The siblings have been sent back.</summary>
    public CampaignEntry CascadeSent() => this with { CascadePending = false };

    /// <summary>
    /// Makes the result official at the level the quotas left it (<paramref name="placement"/>; null for a branch with no
    /// result, which keeps the rating it held before the campaign). Every quota demotion is an audit line on
    /// <see cref="ScoreAuditRecord.RatingKey"/> by <paramref name="actor"/>, with the ratings before and after, the rank
    /// and the seats. Idempotent: a finalised entry stays as it is. A placement made for another result than the one
    /// standing now (an appeal decided while final ran) is refused, so the next run places the branch again.
    /// </summary>
    public EntryOutcome Finalise(QuotaPlacement? placement, CampaignStatus campaign, FrameworkVersion framework, string actor, DateTimeOffset now)
    {
        if (Final is not null)
        {
            return new(this, null);
        }

        if (!campaign.Finalising)
        {
            return Conflict("the campaign is not being finalised");
        }

        if (Appeal is { Decision: null })
        {
            return Conflict($"the appeal of '{Code}' is still open: decide it, then advance to final again");
        }

        if (Result is null && placement is null)
        {
            return Changed(this with { Final = new FinalResult(null, null, null, false, now) });
        }

        var assessment = Result?.Assessment;
        if (assessment is null || placement is null || placement.Earned != assessment.Rating || placement.Total != assessment.Total)
        {
            return Conflict($"the result of '{Code}' changed after the quotas were settled; advance to final again to place it anew");
        }

        var compliant = assessment.Input.Vetoes.Count == 0 && placement.Final.Rank() >= framework.PassLevel.Rank();
        var demotions = placement.Demotions.Select(d =>
            new ScoreAuditRecord(now, actor, CampaignStage.Final, ScoreAuditRecord.RatingKey, null, null, d.Describe(), d.From, d.To));
        return Changed(this with
        {
            Final = new FinalResult(placement.Final, assessment.Rating, assessment.Total, compliant, now),
            Audit = [.. Audit, .. demotions],
        });
    }
}
