using Lapor.Hub.Channels.Messages;
using PdfSharp.Pdf.IO;

namespace Lapor.Hub.Channels.Media;

/// <summary>
/// Rewrites a PDF without its document information (author, title, creator: a real name or national ID number can sit
/// there) and its XMP metadata. Only the objects still referenced are written, so the old values do not stay behind.
/// The original is kept unchanged for the admins.
/// </summary>
internal static class PublicPdfCopy
{
    private const string CatalogMetadata = "/Metadata";

    public static void Write(string sourcePath, string targetPath)
    {
        try
        {
            using var document = PdfReader.Open(sourcePath, PdfDocumentOpenMode.Modify);
            document.Info.Elements.Clear();
            document.Internals.Catalog.Elements.Remove(CatalogMetadata);
            using var target = new FileStream(targetPath, FileMode.CreateNew, FileAccess.Write);
            document.Save(target, closeStream: false);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            // The PDF parser throws many kinds of exception for damaged or encrypted files; all mean "cannot be read".
            throw new MediaRejectedException(
                "Dokumen PDF tidak dapat dibaca (rusak atau terkunci kata sandi). (The PDF cannot be read: damaged or password-protected.)");
        }
    }
}
