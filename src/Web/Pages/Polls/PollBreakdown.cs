namespace Lapor.Hub.Web.Pages.Polls;

/// <summary>A table of votes per option within each group (channel or region), for the console and the public page.</summary>
public sealed record PollBreakdown(
    string Id, string Caption, string GroupHeading, IReadOnlyList<string> Options, IReadOnlyList<(string Group, IReadOnlyList<int> Counts)> Rows)
{
    public int Count(int row, int option) => option < Rows[row].Counts.Count ? Rows[row].Counts[option] : 0;
}
