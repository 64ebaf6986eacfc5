using Lapor.Hub.Channels.Messages;
using Telegram.Bot;

namespace Lapor.Hub.Channels.Telegram;

/// <summary>Fetches a citizen's file from Telegram (getFile, then the file URL) and keeps it in the media store.</summary>
internal sealed class TelegramMediaFetcher(ITelegramBotClient client, IMediaStore store)
{
    /// <summary>The Bot API serves bots files of at most 20 MB.</summary>
    public const long MaxDownloadBytes = 20L * 1024 * 1024;

    /// <exception cref="MediaRejectedException">The media store refused the file.</exception>
    /// <exception cref="Telegram.Bot.Exceptions.ApiRequestException">Telegram refused getFile or the download.</exception>
    public async Task<MediaFile> FetchAsync(string fileId, string contentType, string? fileName, CancellationToken cancellationToken)
    {
        var file = await client.GetFile(fileId, cancellationToken);
        if (string.IsNullOrEmpty(file.FilePath))
        {
            throw new InvalidOperationException($"Telegram returned no file_path for file {fileId}.");
        }

        // A temporary file rather than memory: photos and PDFs run to megabytes.
        var temporary = Path.Combine(Path.GetTempPath(), $"lapor-telegram-{Guid.NewGuid():N}");
        await using var download = new FileStream(
            temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await client.DownloadFile(file.FilePath, download, cancellationToken);
        download.Position = 0;
        return await store.SaveAsync(download, contentType, fileName ?? Path.GetFileName(file.FilePath), cancellationToken);
    }
}
