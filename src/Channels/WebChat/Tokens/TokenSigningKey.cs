using System.Security.Cryptography;
using System.Text;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>The HMAC-SHA256 key Direct Line tokens are signed with: configured, or generated once into the data directory.</summary>
public sealed class TokenSigningKey
{
    public const int MinimumBytes = 32;
    public const string FileName = "webchat-token-key";

    private TokenSigningKey(byte[] key, string source)
    {
        Key = key;
        Source = source;
    }

    internal byte[] Key { get; }

    /// <summary>Where the key came from, for the start-up log (never the key itself).</summary>
    public string Source { get; }

    public static TokenSigningKey FromConfigurationOrFile(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Encoding.UTF8.GetBytes(configured.Trim());
            return bytes.Length >= MinimumBytes
                ? new TokenSigningKey(bytes, $"configuration ({WebChatOptions.SectionName}:{nameof(WebChatOptions.TokenSigningKey)})")
                : throw new InvalidOperationException(
                    $"{WebChatOptions.SectionName}:{nameof(WebChatOptions.TokenSigningKey)} must be at least {MinimumBytes} characters long.");
        }

        var keyFile = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
            CreateKeyFile(keyFile);
        }

        var stored = Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        return stored.Length >= MinimumBytes
            ? new TokenSigningKey(stored, keyFile)
            : throw new InvalidOperationException($"The Direct Line token key in {keyFile} is shorter than {MinimumBytes} bytes; delete the file to get a new one.");
    }

    /// <summary>Written aside and moved into place, so a node starting beside another never reads a half-written key.</summary>
    private static void CreateKeyFile(string keyFile)
    {
        var written = $"{keyFile}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(written, Encoding.ASCII, options))
        {
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)));
            writer.Flush();
            // On disk before it is moved into place: after a power cut an empty key file would stop every start.
            ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
        }

        try
        {
            File.Move(written, keyFile, overwrite: false);
        }
        catch (IOException) when (File.Exists(keyFile))
        {
            // Another node sharing the directory created it first: use theirs.
            File.Delete(written);
        }
    }
}
