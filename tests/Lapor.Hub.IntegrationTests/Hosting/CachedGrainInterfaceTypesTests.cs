using System.Reflection;
using Lapor.Hub.Silo.Hosting;
using Lapor.Hub.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Serialization.TypeSystem;

namespace Lapor.Hub.Tests.Hosting;

/// <summary>The silo answers each grain interface's type id from its cache, with the id Orleans itself gives it.</summary>
public sealed class CachedGrainInterfaceTypesTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    [Fact]
    public void The_cache_takes_the_place_of_the_attribute_provider()
    {
        var providers = hub.Services.GetServices<IGrainInterfaceTypeProvider>().ToArray();
        Assert.Single(providers.OfType<CachedGrainInterfaceTypes>());
        Assert.Empty(providers.OfType<AttributeGrainInterfaceTypeProvider>());
    }

    [Fact]
    public void Every_grain_interface_of_the_hub_resolves_to_the_id_orleans_gives_it_on_every_call()
    {
        var orleans = new GrainInterfaceTypeResolver([new AttributeGrainInterfaceTypeProvider(hub.Services)], hub.Services.GetRequiredService<TypeConverter>());
        var silo = hub.Services.GetRequiredService<GrainInterfaceTypeResolver>();
        var grainInterfaces = HubAssemblies().SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsInterface && typeof(IGrain).IsAssignableFrom(type) && !type.ContainsGenericParameters)
            .ToArray();

        Assert.True(grainInterfaces.Length >= 15, $"only {grainInterfaces.Length} grain interfaces found");
        foreach (var grainInterface in grainInterfaces)
        {
            var expected = orleans.GetGrainInterfaceType(grainInterface);
            Assert.Equal(expected, silo.GetGrainInterfaceType(grainInterface));
            Assert.Equal(expected, silo.GetGrainInterfaceType(grainInterface));
        }
    }

    private static IEnumerable<Assembly> HubAssemblies()
    {
        var found = new Dictionary<string, Assembly>();
        var pending = new Stack<Assembly>([typeof(HubHost).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(name => name.Name!.StartsWith("Lapor.Hub", StringComparison.Ordinal)))
            {
                pending.Push(Assembly.Load(reference));
            }
        }

        return found.Values;
    }
}
