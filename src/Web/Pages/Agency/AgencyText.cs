namespace Lapor.Hub.Web.Pages.Agency;

/// <summary>The agency officer pages' words (AgencyText.resx: Indonesian; AgencyText.en.resx: English).</summary>
public sealed class AgencyText;
