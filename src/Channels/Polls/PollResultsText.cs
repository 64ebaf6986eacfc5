using System.Globalization;
using System.Text;
using Lapor.Hub.Polls;

namespace Lapor.Hub.Channels.Polls;

/// <summary>
/// Current results as short text bars, one line per option: "Setuju  ######---- 60% (12)". ASCII only, so an SMS stays
/// in GSM-7; labels are cut on narrow channels so that the results with their header fit two SMS segments.
/// </summary>
public static class PollResultsText
{
    private const int BarWidth = 10;
    private const int NarrowLabelLength = 14;

    public static string Format(string header, IReadOnlyList<string> options, PollResults results, bool narrow)
    {
        var text = new StringBuilder(header);
        var total = Math.Max(results.Total, 1);
        for (var i = 0; i < options.Count; i++)
        {
            var count = i < results.ByOption.Count ? results.ByOption[i] : 0;
            var percent = (int)Math.Round(100.0 * count / total);
            var filled = (int)Math.Round((double)BarWidth * count / total);
            var label = narrow ? PollChoices.Cut(options[i], NarrowLabelLength) : options[i];
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"{i + 1}. {label} {new string('#', filled)}{new string('-', BarWidth - filled)} {percent}% ({count})");
        }

        return text.ToString();
    }
}
