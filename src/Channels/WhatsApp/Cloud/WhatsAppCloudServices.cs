using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Channels.WhatsApp.Cloud;

// SCAFFOLD (helper H4 replaces this file): the WhatsApp Cloud API (Meta).
public static class WhatsAppCloudServices
{
    public static IServiceCollection AddWhatsAppCloud(this IServiceCollection services, IConfiguration configuration) =>
        throw new NotImplementedException("The WhatsApp Cloud API is being built.");

    public static IEndpointRouteBuilder MapWhatsAppCloud(this IEndpointRouteBuilder endpoints) =>
        throw new NotImplementedException("The WhatsApp Cloud API is being built.");
}
