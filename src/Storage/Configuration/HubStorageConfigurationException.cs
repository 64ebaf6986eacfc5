namespace Lapor.Hub.Storage;

/// <summary>The <c>Storage</c> configuration cannot be used; the message says what to change.</summary>
public sealed class HubStorageConfigurationException(string message) : InvalidOperationException(message);
