using Lapor.Hub.Channels.Messages;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lapor.Hub.Channels.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMediaStore"/> as a <see cref="FileMediaStore"/> configured from the section <c>Media</c>;
    /// the folder defaults to <c>media</c> under <paramref name="dataDirectory"/>.
    /// </summary>
    public static IServiceCollection AddMediaStore(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<MediaOptions>()
            .Bind(configuration.GetSection(MediaOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.Directory))
                {
                    options.Directory = Path.Combine(dataDirectory, "media");
                }
            })
            .Validate(options => options.MaxBytes > 0, $"{MediaOptions.SectionName}:{nameof(MediaOptions.MaxBytes)} must be positive.");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FileMediaStore>();
        services.TryAddSingleton<IMediaStore>(provider => provider.GetRequiredService<FileMediaStore>());
        services.TryAddSingleton<IMediaAccessPolicy, LinkHolderMediaAccess>();
        services.AddDataProtection();
        services.TryAddSingleton<MediaGrants>();
        return services;
    }
}
