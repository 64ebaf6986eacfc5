using Lapor.Hub.Channels.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Channels.Sms.Jasmin;

// SCAFFOLD (helper H5 replaces this file): the Jasmin SMS gateway. AddJasminSms returns the pacing its configuration asks for.
public static class JasminServices
{
    public static ChannelPacing AddJasminSms(this IServiceCollection services, IConfiguration configuration) =>
        throw new NotImplementedException("Jasmin is being built.");

    public static IEndpointRouteBuilder MapJasminSms(this IEndpointRouteBuilder endpoints) =>
        throw new NotImplementedException("Jasmin is being built.");
}
