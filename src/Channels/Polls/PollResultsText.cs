using System.Globalization;
using System.Text;
using Lapor.Hub.Polls;

namespace Lapor.Hub.Channels.Polls;

/// <summary>
/// Current results as short text bars, one line per option: "1. Setuju ######---- 60% (12)". ASCII only, so an SMS stays
/// in GSM-7. With a length budget (SMS: two segments with the answer before it) labels are cut, then bars dropped, then
/// labels dropped until the results fit.
/// </summary>
public static class PollResultsText
{
    private const int BarWidth = 10;

    /// <summary>Two GSM-7 segments of a concatenated SMS.</summary>
    public const int TwoSmsSegments = 2 * 153;

    private static readonly (int Label, bool Bars)[] NarrowerAndNarrower = [(14, true), (14, false), (8, false), (0, false)];

    public static string Format(string header, IReadOnlyList<string> options, PollResults results, int? maxLength = null)
    {
        if (maxLength is not { } budget)
        {
            return Build(header, options, results, int.MaxValue, bars: true);
        }

        foreach (var (label, bars) in NarrowerAndNarrower)
        {
            var text = Build(header, options, results, label, bars);
            if (text.Length <= budget)
            {
                return text;
            }
        }

        return Build(header, options, results, 0, bars: false);
    }

    private static string Build(string header, IReadOnlyList<string> options, PollResults results, int labelLength, bool bars)
    {
        var text = new StringBuilder(header);
        var total = Math.Max(results.Total, 1);
        for (var i = 0; i < options.Count; i++)
        {
            var count = i < results.ByOption.Count ? results.ByOption[i] : 0;
            var percent = (int)Math.Round(100.0 * count / total, MidpointRounding.AwayFromZero);
            var filled = (int)Math.Round((double)BarWidth * count / total, MidpointRounding.AwayFromZero);
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"{i + 1}.");
            if (labelLength > 0)
            {
                text.Append(' ').Append(labelLength == int.MaxValue ? options[i] : PollChoices.Cut(options[i], labelLength));
            }

            if (bars)
            {
                text.Append(' ').Append('#', filled).Append('-', BarWidth - filled);
            }

            text.Append(CultureInfo.InvariantCulture, $" {percent}% ({count})");
        }

        return text.ToString();
    }
}
