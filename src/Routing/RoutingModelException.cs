namespace Lapor.Hub.Routing;

/// <summary>A routing model directory that cannot be loaded: missing, incomplete or corrupt.</summary>
public sealed class RoutingModelException : Exception
{
    public RoutingModelException(string directory, string problem, Exception? inner = null)
        : base($"routing model at {directory}: {problem}", inner)
    {
        Directory = directory;
    }

    /// <summary>The model directory.</summary>
    public string Directory { get; }
}
