namespace Lapor.Hub.Tests.Browser;

/// <summary>The hub's static files (src/Silo/wwwroot) in the source tree, found by walking up from the test binaries.</summary>
public static class HubWebRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Lapor.Hub.sln")))
            {
                return System.IO.Path.Combine(folder.FullName, "src", "Silo", "wwwroot");
            }
        }

        throw new DirectoryNotFoundException($"No Lapor.Hub.sln above {AppContext.BaseDirectory}.");
    }
}
