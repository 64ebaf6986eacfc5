namespace Lapor.Hub.Channels.Messages;

/// <summary>Receives every citizen message once it is parsed and its media stored. The hub's implementation hands it to the conversation.</summary>
public interface IInboundMessageHandler
{
    Task HandleAsync(InboundMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends one message on one channel. Never throws for a provider's refusal: it says so in the result.</summary>
public interface IChannelSender
{
    string Channel { get; }

    Task<DeliveryResult> SendAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken);
}

/// <summary>Keeps citizens' photos and files under the data directory, checked and bounded.</summary>
public interface IMediaStore
{
    /// <summary>Stores <paramref name="content"/>; throws <see cref="MediaRejectedException"/> if it is too large or not an accepted type.</summary>
    Task<MediaFile> SaveAsync(Stream content, string declaredContentType, string? fileName, CancellationToken cancellationToken);

    /// <summary>The stored file as shown publicly (images without EXIF location), or null if unknown.</summary>
    Task<(Stream Content, MediaFile File)?> OpenPublicAsync(string id, CancellationToken cancellationToken);
}

/// <summary>A file refused by the media store, with a message the citizen can understand.</summary>
public sealed class MediaRejectedException(string message) : Exception(message);
