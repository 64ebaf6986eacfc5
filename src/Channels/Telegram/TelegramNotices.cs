namespace Lapor.Hub.Channels.Telegram;

/// <summary>What the bot tells a citizen when a file cannot be taken, in Indonesian unless Telegram says the citizen uses English.</summary>
internal static class TelegramNotices
{
    public static string FileTooLarge(string? languageCode) => IsEnglish(languageCode)
        ? "That file is too large for the bot (Telegram lets bots fetch at most 20 MB). Please send a smaller photo."
        : "Berkas itu terlalu besar untuk bot (Telegram hanya mengizinkan bot mengambil paling besar 20 MB). Silakan kirim foto yang lebih kecil.";

    public static string FileUnavailable(string? languageCode) => IsEnglish(languageCode)
        ? "The bot could not fetch that file from Telegram. Please send it again."
        : "Bot tidak dapat mengambil berkas itu dari Telegram. Silakan kirim ulang.";

    public static string UnsupportedDocument(string? languageCode) => IsEnglish(languageCode)
        ? "Only photos and PDF documents can be attached to a report."
        : "Hanya foto dan dokumen PDF yang dapat dilampirkan pada laporan.";

    private static bool IsEnglish(string? languageCode) =>
        languageCode is not null && languageCode.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}
