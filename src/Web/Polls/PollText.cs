namespace Lapor.Hub.Web.Polls;

/// <summary>The poll pages' words, console and public (PollText.resx: Indonesian; PollText.en.resx: English).</summary>
public sealed class PollText;
