using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Lapor.Hub.Storage;

/// <summary>Applies <see cref="HubSchema"/> when the silo starts, before any Orleans provider reads its queries.</summary>
internal sealed partial class HubSchemaInitializer(HubStorageOptions options, ILogger<HubSchemaInitializer> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(HubSchemaInitializer), ServiceLifecycleStage.First, async cancellationToken =>
        {
            if (options.Provider == HubStorageProvider.PostgreSql)
            {
                var pool = options.ResolvedPostgresPool;
                LogPool(pool.MaxPoolSize, options.PostgreSql.PoolTimeoutSeconds, pool.Basis);
            }

            await HubSchema.ApplyAsync(options, logger, cancellationToken);
        });

    [LoggerMessage(Level = LogLevel.Information,
        Message = "PostgreSQL: at most {MaxPoolSize} connections from this node, callers wait up to {TimeoutSeconds} s for one ({Basis})")]
    private partial void LogPool(int maxPoolSize, int timeoutSeconds, string basis);
}
