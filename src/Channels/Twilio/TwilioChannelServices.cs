using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Channels.Twilio;

// SCAFFOLD (helper H3 replaces this file): Twilio for the "sms" and "whatsapp" channels.
public static class TwilioChannelServices
{
    public static IServiceCollection AddTwilioChannel(this IServiceCollection services, string channel, IConfiguration configuration) =>
        throw new NotImplementedException("Twilio is being built.");

    public static IEndpointRouteBuilder MapTwilioChannel(this IEndpointRouteBuilder endpoints, string channel) =>
        throw new NotImplementedException("Twilio is being built.");
}
