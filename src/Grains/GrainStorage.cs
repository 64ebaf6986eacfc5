namespace Lapor.Hub;

/// <summary>Names under which grain state is stored. Pinned: changing one orphans stored state.</summary>
public static class GrainStorage
{
    public const string Name = "hub";
}
