namespace Lapor.Hub.Web.Pages.Supervisor;

/// <summary>The supervisor pages' words (SupervisorText.resx: Indonesian; SupervisorText.en.resx: English).</summary>
public sealed class SupervisorText;
