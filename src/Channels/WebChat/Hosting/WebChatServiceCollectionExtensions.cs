using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.WebChat;

public static class WebChatServiceCollectionExtensions
{
    /// <summary>
    /// The web chat channel: Direct Line tokens signed with <c>WebChat:TokenSigningKey</c> or a key generated into
    /// <paramref name="dataDirectory"/>, the CORS policy of <see cref="DirectLineEndpoints"/>, and
    /// <see cref="WebChatSender"/> as the <see cref="IChannelSender"/> for "web". Needs an
    /// <see cref="IInboundMessageHandler"/> and an <see cref="IMediaStore"/> registered too.
    /// </summary>
    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var section = configuration.GetSection(WebChatOptions.SectionName);
        services.AddOptions<WebChatOptions>()
            .Bind(section)
            .Validate(options => options.TokenLifetime > TimeSpan.Zero, "WebChat:TokenLifetime must be positive.")
            .Validate(options => options.StreamKeepAliveInterval > TimeSpan.Zero, "WebChat:StreamKeepAliveInterval must be positive.")
            .Validate(options => options.HistoryLimit > 0 && options.MaxTextLength > 0 && options.MaxActivityBytes > 0 && options.MaxFilesPerUpload > 0,
                "WebChat:HistoryLimit, MaxTextLength, MaxActivityBytes and MaxFilesPerUpload must be positive.");
        services.AddOptions<DirectLineRateLimitOptions>().Bind(configuration.GetSection("RateLimits"));
        services.TryAddSingleton<DirectLineRateLimits>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => TokenSigningKey.FromConfigurationOrFile(
            provider.GetRequiredService<IOptions<WebChatOptions>>().Value.TokenSigningKey, dataDirectory));
        services.TryAddSingleton<DirectLineTokenService>();
        services.TryAddSingleton<UserActivityProcessor>();
        services.TryAddSingleton<DirectLineStream>();
        services.TryAddSingleton<WebChatSender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, WebChatSender>(provider => provider.GetRequiredService<WebChatSender>()));

        var allowedOrigins = section.GetSection(nameof(WebChatOptions.AllowedOrigins)).Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(DirectLineEndpoints.CorsPolicyName, policy =>
        {
            if (allowedOrigins.Length == 0)
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(allowedOrigins);
            }

            policy.WithHeaders("authorization", "content-type", "x-ms-bot-agent")
                .WithMethods("GET", "POST")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        return services;
    }
}
