namespace Lapor.Hub.Storage;

/// <summary>What <see cref="HubSchema.ApplyAsync(HubStorageOptions, Microsoft.Extensions.Logging.ILogger?, CancellationToken)"/> did, script by script (file names).</summary>
/// <param name="Applied">Scripts never applied to this database before.</param>
/// <param name="Reapplied">Scripts whose content changed since they were last applied; run again and reported as a warning.</param>
/// <param name="Unchanged">Scripts already applied with the same content; skipped.</param>
public sealed record HubSchemaReport(
    IReadOnlyList<string> Applied,
    IReadOnlyList<string> Reapplied,
    IReadOnlyList<string> Unchanged)
{
    /// <summary>True when nothing had to run.</summary>
    public bool WasUpToDate => Applied.Count == 0 && Reapplied.Count == 0;
}
