using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Lapor.Hub.Web.Pages.Agency;

/// <summary>A message of the thread as HTML: the text encoded, and links to the hub's own stored files made clickable.</summary>
public static partial class MessageText
{
    public static IHtmlContent Render(string text)
    {
        var html = new StringBuilder();
        var last = 0;
        foreach (Match link in MediaLink().Matches(text))
        {
            html.Append(HtmlEncoder.Default.Encode(text[last..link.Index]));
            var href = HtmlEncoder.Default.Encode(link.Value);
            html.Append($"<a href=\"{href}\" rel=\"noopener\">{href}</a>");
            last = link.Index + link.Length;
        }

        html.Append(HtmlEncoder.Default.Encode(text[last..]));
        return new HtmlString(html.ToString());
    }

    [GeneratedRegex(@"https?://[A-Za-z0-9.\-:\[\]]+(/[A-Za-z0-9._\-]+)*/media/[0-9a-f]{32}(\?grant=[A-Za-z0-9_\-]+)?")]
    private static partial Regex MediaLink();
}
