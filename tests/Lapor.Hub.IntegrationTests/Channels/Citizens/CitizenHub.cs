using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Lapor.Hub.Tests.Console;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.Citizens;

/// <summary>
/// The real hub (with console accounts) whose SMS and WhatsApp channels send through <see cref="CapturingSender"/>s,
/// registered beside the channels' own services as a provider's sender would be.
/// </summary>
public sealed class CitizenHub : ConsoleHub
{
    public CapturingSender Sms { get; } = new(ChannelNames.Sms);

    /// <summary>Takes every message and promises status callbacks, as Twilio and Meta do.</summary>
    public CapturingSender WhatsApp { get; } = new(ChannelNames.WhatsApp) { Answer = (_, _) => DeliveryResult.Accepted($"wamid.{Guid.NewGuid():N}") };

    protected override Task<IReadOnlyList<string>> ExtraArgumentsAsync() => Task.FromResult<IReadOnlyList<string>>(
        ["--Outbox:FirstRetryDelay=00:00:00.200", "--Outbox:MaxRetryDelay=00:00:01"]);

    protected override void ReplaceServices(IServiceCollection services)
    {
        services.AddSingleton<IChannelSender>(Sms);
        services.AddSingleton<IChannelSender>(WhatsApp);
    }
}
