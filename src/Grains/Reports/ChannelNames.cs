using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Reports;

/// <summary>The names reports store for the way they came in. A new channel adds its constant here and registers an adapter.</summary>
public static class ChannelNames
{
    /// <summary>Filed through the HTTP API by an operator or an integration: no chat to answer in.</summary>
    public const string Api = "api";

    /// <summary>The web chat on the home page (Direct Line 3.0).</summary>
    public const string Web = "web";

    public const string Telegram = "telegram";

    /// <summary>WhatsApp, through Twilio or the WhatsApp Cloud API; the address is the citizen's phone number (E.164 digits).</summary>
    public const string WhatsApp = "whatsapp";

    /// <summary>SMS to a short code or long number, through Twilio or an SMS gateway; the address is the phone number (E.164 digits).</summary>
    public const string Sms = "sms";
}

/// <summary>One channel the host registered; <see cref="ChannelCatalog"/> collects them.</summary>
public sealed record RegisteredChannel(string Name);

/// <summary>The channels this hub runs, plus <see cref="ChannelNames.Api"/>, which is always known: what a submission may name.</summary>
public sealed class ChannelCatalog(IEnumerable<RegisteredChannel> registered)
{
    private readonly HashSet<string> _names = [ChannelNames.Api, .. registered.Select(channel => channel.Name)];

    public IReadOnlyCollection<string> Names => _names;

    public bool Contains(string? name) => name is not null && _names.Contains(name);
}

public static class ChannelCatalogServices
{
    /// <summary>Makes <paramref name="name"/> a channel reports may be filed on (a channel adapter does this for its own name).</summary>
    public static IServiceCollection AddChannelName(this IServiceCollection services, string name)
    {
        if (!services.Any(service => service.ImplementationInstance is RegisteredChannel channel && channel.Name == name))
        {
            services.AddSingleton(new RegisteredChannel(name));
        }

        return services;
    }
}
