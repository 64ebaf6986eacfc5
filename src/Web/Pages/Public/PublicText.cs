namespace Lapor.Hub.Web.Pages.Public;

/// <summary>The public pages' words (PublicText.resx: Indonesian; PublicText.en.resx: English).</summary>
public sealed class PublicText;
