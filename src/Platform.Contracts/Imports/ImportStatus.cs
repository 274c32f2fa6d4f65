namespace Platform.Contracts.Imports;

/// <summary>Where an import job is (导入任务状态). Values are stored: new ones are appended, never renumbered.</summary>
[GenerateSerializer, Alias("ImportStatus")]
public enum ImportStatus
{
    /// <summary>Reading its file or applying its rows.</summary>
    Running = 0,

    /// <summary>Every row is accounted for; the report is final.</summary>
    Finished = 1,

    /// <summary>Accepted and spooled, waiting for the gateway's import worker.</summary>
    Queued = 2,

    /// <summary>The file as a whole could not be imported (see <see cref="ImportReport.Problem"/>); nothing from it was kept.</summary>
    Failed = 3,
}
