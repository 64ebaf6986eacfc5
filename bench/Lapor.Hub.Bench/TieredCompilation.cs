using System.Globalization;

namespace Lapor.Hub.Bench;

/// <summary>
/// How busy a process's tiered-compilation thread is, read from /proc. A .NET process under new load recompiles its hot
/// methods (tier 0, instrumented, then optimized with the profile it gathered) on that one background thread; until it
/// falls quiet, part of the process's CPU goes to the JIT and the rate measured is the start-up rate, not the steady one.
/// </summary>
internal sealed class TieredCompilation(int processId)
{
    private const string ThreadName = ".NET Tiered Com"; // the kernel keeps 15 characters of ".NET Tiered Compilation Worker"
    private const double TicksPerSecond = 100; // USER_HZ, the unit of /proc/<pid>/task/<tid>/stat's times on Linux

    public static bool IsReadable => OperatingSystem.IsLinux() && Directory.Exists("/proc/self/task");

    /// <summary>The CPU time the process's tiered-compilation threads have used so far (zero where /proc cannot be read).</summary>
    public TimeSpan CpuTime()
    {
        var ticks = 0L;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
            {
                ticks += TicksOf(task);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process exited, or its threads cannot be read: what was read so far stands.
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static long TicksOf(string task)
    {
        try
        {
            if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != ThreadName)
            {
                return 0;
            }

            // The name is in parentheses and may hold spaces: fields are counted after the last ')'. utime and stime are
            // fields 14 and 15 of the line, the 12th and 13th after the name.
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0; // a thread that ended while being read
        }
    }
}
