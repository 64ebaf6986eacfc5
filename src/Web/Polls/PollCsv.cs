using System.Globalization;
using System.Text;
using Lapor.Hub.Polls;
using Lapor.Hub.Web.Reports;

namespace Lapor.Hub.Web.Polls;

/// <summary>
/// A poll's tallies as CSV: one row per option overall, per channel and per region. Built from <see cref="PollResults"/>,
/// which holds counts only, so no export can name a voter.
/// </summary>
public static class PollCsv
{
    public static readonly string[] Header = ["poll_id", "breakdown", "group_code", "group", "option_number", "option", "votes"];

    public static string Write(PollView poll, PollResults results, ReportLabels labels)
    {
        var csv = new StringBuilder().Append('\uFEFF').AppendJoin(',', Header).Append("\r\n");
        Rows(csv, poll, "total", "", "", results.ByOption);
        foreach (var (channel, counts) in results.ByChannel.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Rows(csv, poll, "channel", channel, channel, counts);
        }

        foreach (var (region, counts) in results.ByRegion.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            Rows(csv, poll, "region", region, labels.Region(region), counts);
        }

        return csv.ToString();
    }

    private static void Rows(StringBuilder csv, PollView poll, string breakdown, string code, string name, IReadOnlyList<int> counts)
    {
        for (var option = 0; option < poll.Definition.Options.Count; option++)
        {
            var votes = option < counts.Count ? counts[option] : 0;
            string?[] cells = [poll.PollId, breakdown, code, name];
            csv.AppendJoin(',', cells.Select(ReportExport.Cell))
                .Append(',').Append((option + 1).ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(ReportExport.Cell(poll.Definition.Options[option]))
                .Append(',').Append(votes.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }
    }
}
