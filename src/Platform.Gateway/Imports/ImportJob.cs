using Platform.Contracts.Identity;

namespace Platform.Gateway.Imports;

/// <summary>An accepted import waiting for the gateway's import worker: whose file, for which tenant, as whom.</summary>
/// <param name="Caller">Who posted it: the rows are defined as that caller, as they would have been within the request.</param>
internal sealed record ImportJob(string Tenant, string ImportId, ImportUpload Upload, Caller Caller, DateTimeOffset AcceptedAt);
