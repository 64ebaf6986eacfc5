using System.Reflection;
using Lapor.Hub.Storage;
using Lapor.Hub.Web;

namespace Lapor.Hub.Tests.Console;

/// <summary>The console keeps no SQL of its own: accounts, the audit log and reports reach the database through Storage's interfaces.</summary>
public sealed class WebStorageBoundaryTests
{
    [Fact]
    public void No_console_type_opens_the_hub_database_itself()
    {
        var openers = typeof(HubConsole).Assembly.GetTypes()
            .Where(type => type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Any(constructor => constructor.GetParameters().Any(parameter => parameter.ParameterType == typeof(IHubDatabase))))
            .Select(type => type.FullName);
        Assert.Empty(openers);
    }
}
