using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Lapor.Hub.Storage;

/// <summary>Applies <see cref="HubSchema"/> when the silo starts, before any Orleans provider reads its queries.</summary>
internal sealed class HubSchemaInitializer(HubStorageOptions options, ILogger<HubSchemaInitializer> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(HubSchemaInitializer), ServiceLifecycleStage.First,
            cancellationToken => HubSchema.ApplyAsync(options, logger, cancellationToken));
}
