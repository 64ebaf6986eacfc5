using System.Globalization;

namespace Lapor.Hub.Tests.Cluster;

/// <summary>The cluster drills run one at a time: each starts two hub processes, and the machine has few cores.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterDrills
{
    public const string Name = "Cluster drills";

    /// <summary>A drill's duration from the environment (seconds), so a longer run than CI's can be asked for.</summary>
    public static TimeSpan Duration(string variable, int defaultSeconds) =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : defaultSeconds);

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
