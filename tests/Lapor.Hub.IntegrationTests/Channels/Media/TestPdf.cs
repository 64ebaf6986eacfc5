using PdfSharp.Pdf;

namespace Lapor.Hub.Tests.Channels.Media;

/// <summary>Real one-page PDFs whose document information names a person, as a scanned letter from an office might.</summary>
internal static class TestPdf
{
    public const string NationalIdNumber = "3174012345678901";

    public const string Author = $"Budi Santoso NIK {NationalIdNumber}";

    /// <summary>A PDF with <see cref="Author"/>; <paramref name="subjectLength"/> pads its subject to make a large file.</summary>
    public static byte[] WithAuthor(int subjectLength = 0)
    {
        using var document = new PdfDocument();
        document.Info.Author = Author;
        document.Info.Title = "Surat keterangan domisili";
        if (subjectLength > 0)
        {
            document.Info.Subject = new string('x', subjectLength);
        }

        document.AddPage();
        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }

    public static bool Contains(byte[] file, string text) =>
        System.Text.Encoding.Latin1.GetString(file).Contains(text, StringComparison.Ordinal);
}
