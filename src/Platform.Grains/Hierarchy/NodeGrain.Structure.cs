using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Hierarchy;
using Platform.Contracts.Tenancy;
using Platform.Domain.Hierarchy;
using Platform.Domain.Identity;
using Platform.Domain.Ranking;
using Platform.Domain.Rollups;
using Platform.Domain.Scoring;
using Platform.Grains.Framework;
using Platform.Grains.Identity;
using Platform.Grains.Persistence;

namespace Platform.Grains.Hierarchy;

/// <summary>Where a node sits and what it is: definitions (imports, 升格), moves and closes, and the protocol by which a parent takes and drops its children.</summary>
public sealed partial class NodeGrain
{
    public async Task<Outcome<NodeChange>> Define(NodeDefinition definition, IReadOnlyList<NodeDefinition>? children = null)
    {
        var admission = Admission.Of(_tenant, Operation.ImportHierarchy);
        return admission.Admitted ? await DefineAsync(definition, children) : admission.Refused<NodeChange>();
    }

    /// <summary>A definition, once the caller is admitted: an import's or a move's.</summary>
    private async Task<Outcome<NodeChange>> DefineAsync(NodeDefinition definition, IReadOnlyList<NodeDefinition>? children = null)
    {
        if (_drain.Draining)
        {
            return Stopping<NodeChange>();
        }

        var existing = IsOpen ? Definition : null;
        definition = definition.Over(existing);
        var errors = NodeDefinitionRules.Validate(definition).ToList();
        if (definition.Code != _code)
        {
            errors.Add(new("code", $"must be the code of the node addressed ('{_code}')"));
        }

        if (errors.Count > 0)
        {
            return Outcome<NodeChange>.Invalid(errors);
        }

        if (Definition is { } known && !known.Kind.CanBecome(definition.Kind))
        {
            return Outcome<NodeChange>.Fail(Failure.Conflict,
                $"'{_code}' is a {known.Kind.ToApiName()} and cannot become a {definition.Kind.ToApiName()}");
        }

        if (existing is not null && existing.SameAs(definition))
        {
            if (AttachAnnounced(definition, children))
            {
                await _writer.WriteAsync();
            }

            return Outcome<NodeChange>.Ok(NodeChange.Unchanged);
        }

        if (_ledger.Children.FirstOrDefault(c => !definition.Kind.CanHold(c.Kind)) is { } misfit)
        {
            return Outcome<NodeChange>.Fail(Failure.Conflict,
                $"a {definition.Kind.ToApiName()} cannot hold its {misfit.Kind.ToApiName()} '{misfit.Code}': move it first");
        }

        // Set in the same turn as the check above: a child attaching while this change is awaited is checked against
        // the new kind as well as the old one.
        _becoming = definition.Kind;
        try
        {
            return await ApplyDefinitionAsync(existing, definition, children);
        }
        finally
        {
            _becoming = null;
        }
    }

    private async Task<Outcome<NodeChange>> ApplyDefinitionAsync(
        NodeDefinition? existing, NodeDefinition definition, IReadOnlyList<NodeDefinition>? children)
    {
        if (definition.Kind == NodeKind.Province)
        {
            var claim = await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(_tenant)).ClaimRoot(_code);
            if (!claim.Succeeded)
            {
                return claim.As<NodeChange>();
            }
        }

        var oldCovers = existing?.CoveredSchools ?? [];
        var added = definition.CoveredSchools.Except(oldCovers).ToList();
        var removed = oldCovers.Except(definition.CoveredSchools).ToList();
        if (await CoverAsync(added) is { } coverageError)
        {
            return Outcome<NodeChange>.Invalid([coverageError]);
        }

        var rehomed = existing?.ParentCode != definition.ParentCode;
        if (definition.ParentCode is { } parent && (rehomed || existing?.Kind != definition.Kind))
        {
            var attach = await Node(parent).AttachChild(_code, definition.Kind, definition.Name);
            if (!attach.Succeeded)
            {
                await UncoverAsync(added);
                return attach.Failure == Failure.NotFound
                    ? Outcome<NodeChange>.Invalid("parentCode", $"there is no open node '{parent}' in this tenant to hold '{_code}'")
                    : attach.As<NodeChange>();
            }
        }

        var formerParent = rehomed ? existing?.ParentCode : null;
        AttachAnnounced(definition, children);
        _current = _current with
        {
            Definition = definition,
            Closed = false,
            Revision = _current.Revision + 1,
            OwnVersion = _current.OwnVersion + 1,
            PendingDetachFrom = formerParent ?? _current.PendingDetachFrom,
            UpdatedAt = _time.GetUtcNow(),
        };
        var changedAt = _current.UpdatedAt;
        await _writer.WriteAsync();
        if (rehomed)
        {
            _ancestry.Forget(_tenant, _code);
        }

        await CompleteDetachAsync();
        await UncoverAsync(removed);
        Unreported(changedAt);
        MarkReportDue();
        return Outcome<NodeChange>.Ok(existing is null ? NodeChange.Created : NodeChange.Updated);
    }

    /// <summary>Attaches the children an import announced; the caller writes. Children this node cannot hold are left
    /// for their own definition to refuse.</summary>
    private bool AttachAnnounced(NodeDefinition definition, IReadOnlyList<NodeDefinition>? children)
    {
        var attached = false;
        foreach (var child in children ?? [])
        {
            if (child.ParentCode == _code && definition.Kind.CanHold(child.Kind))
            {
                attached |= _ledger.Attach(child.Code, child.Kind, child.Name);
            }
        }

        return attached;
    }

    /// <summary>A region admin moves only inside its subtree: the node and its new parent must both lie in it.</summary>
    public async Task<Outcome<NodeInfo>> Move(string newParentCode, int? expectedRevision = null)
    {
        var (caller, refused) = await AdmitAsync<NodeInfo>(Operation.MoveNode);
        if (refused is not null)
        {
            return refused;
        }

        if (!await CoversAsync(caller!, newParentCode))
        {
            return Outcome<NodeInfo>.Invalid("parentCode", $"there is no open node '{newParentCode}' within your scope to hold '{_code}'");
        }

        if (Stale<NodeInfo>(expectedRevision) is { } stale)
        {
            return stale;
        }

        var moved = await DefineAsync(Definition! with { ParentCode = newParentCode });
        return moved.Succeeded ? Outcome<NodeInfo>.Ok(Info()) : moved.As<NodeInfo>();
    }

    public async Task<Outcome<NodeInfo>> Close(int? expectedRevision = null)
    {
        if (_drain.Draining)
        {
            return Stopping<NodeInfo>();
        }

        // Closing again changes nothing; a closed node lies in no region's subtree any more, so only a caller who sees
        // the whole tenant is told it is closed.
        if (_current.Closed && Definition is not null && Admission.Of(_tenant, Operation.CloseNode).Caller is { } again
            && (again.IsPlatform || AccessRules.SeesWholeTenant(again.Role)))
        {
            return Outcome<NodeInfo>.Ok(Info());
        }

        var (_, refused) = await AdmitAsync<NodeInfo>(Operation.CloseNode);
        if (refused is not null)
        {
            return refused;
        }

        if (Stale<NodeInfo>(expectedRevision) is { } stale)
        {
            return stale;
        }

        if (Definition!.Kind == NodeKind.Province)
        {
            return Outcome<NodeInfo>.Fail(Failure.Conflict, "the province is the tenant's root and cannot be closed");
        }

        if (_ledger.Count > 0)
        {
            return Outcome<NodeInfo>.Fail(Failure.Conflict,
                $"'{_code}' still holds {_ledger.Count} open children: move or close them first");
        }

        _current = _current with
        {
            Closed = true,
            Revision = _current.Revision + 1,
            OwnVersion = _current.OwnVersion + 1,
            PendingDetachFrom = Definition.ParentCode,
            UpdatedAt = _time.GetUtcNow(),
        };
        await _writer.WriteAsync();
        _ancestry.Forget(_tenant, _code);
        await CompleteDetachAsync();
        await UncoverAsync(Definition.CoveredSchools);
        return Outcome<NodeInfo>.Ok(Info());
    }

    public async Task<Outcome<string>> AttachChild(string code, NodeKind kind, string name)
    {
        if (!IsOpen)
        {
            return NotFound<string>();
        }

        if (!Definition!.Kind.CanHold(kind) || _becoming?.CanHold(kind) == false)
        {
            var holder = Definition.Kind.CanHold(kind) ? _becoming!.Value : Definition.Kind;
            return Outcome<string>.Invalid("parentCode",
                $"a {holder.ToApiName()} ('{_code}') cannot hold a {kind.ToApiName()}");
        }

        if (_ledger.Attach(code, kind, name))
        {
            // Durable before the child commits to this parent, so a rebuilt ledger always knows its children.
            await _writer.WriteAsync();
        }

        return Outcome<string>.Ok(_code);
    }

    public async Task DetachChild(string code)
    {
        if (_ledger.Detach(code))
        {
            RollupChanged(_time.GetUtcNow());
            await _writer.WriteAsync();
        }
    }

    public async Task<Outcome<string>> SetCoverage(string jointBranchCode, bool covers)
    {
        if (!IsOpen || Definition!.Kind != NodeKind.School)
        {
            return Outcome<string>.Fail(Failure.NotFound, $"there is no open school '{_code}' in this tenant");
        }

        if (_current.CoveredBy.Contains(jointBranchCode) == covers)
        {
            return Outcome<string>.Ok(_code);
        }

        _current = _current with
        {
            CoveredBy = covers ? [.. _current.CoveredBy, jointBranchCode] : [.. _current.CoveredBy.Where(c => c != jointBranchCode)],
            OwnVersion = _current.OwnVersion + 1,
            UpdatedAt = _time.GetUtcNow(),
        };
        var changedAt = _current.UpdatedAt;
        await _writer.WriteAsync();
        Unreported(changedAt);
        MarkReportDue();
        return Outcome<string>.Ok(_code);
    }

    private async Task<FieldError?> CoverAsync(IReadOnlyList<string> schools)
    {
        for (var i = 0; i < schools.Count; i++)
        {
            var covered = await Node(schools[i]).SetCoverage(_code, true);
            if (!covered.Succeeded)
            {
                await UncoverAsync(schools.Take(i).ToList());
                return new FieldError("covers", $"there is no open school '{schools[i]}' in this tenant");
            }
        }

        return null;
    }

    private async Task UncoverAsync(IReadOnlyList<string> schools)
    {
        foreach (var school in schools)
        {
            await Node(school).SetCoverage(_code, false);
        }
    }

    private async Task CompleteDetachAsync()
    {
        if (_current.PendingDetachFrom is { } formerParent)
        {
            await Node(formerParent).DetachChild(_code);
            // Cleared in memory now and in storage with the next write; until then a re-activation detaches again, harmlessly.
            _current = _current with { PendingDetachFrom = null };
        }
    }
}
