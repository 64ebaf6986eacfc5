using System.Net;
using System.Text;

namespace Lapor.Hub.Tests.Fuzzing;

/// <summary>One bounded run against one entrance: every answer is recorded, and any 5xx or dropped connection is a finding.</summary>
public sealed class FuzzRun(string entrance, int seed)
{
    private const int ShownFindings = 5;
    private readonly List<string> _findings = [];

    public int Requests { get; private set; }

    public async Task SendAsync(int caseNumber, Func<Task<HttpResponseMessage>> send, byte[]? body = null)
    {
        Requests++;
        try
        {
            using var response = await send();
            if ((int)response.StatusCode >= 500)
            {
                _findings.Add($"case {caseNumber}: HTTP {(int)response.StatusCode} for {Describe(body)}");
            }
        }
        catch (HttpRequestException dropped)
        {
            _findings.Add($"case {caseNumber}: connection failed ({dropped.Message}) for {Describe(body)}");
        }
    }

    /// <param name="faults">What the hub logged meanwhile, shown with the findings to tell where they came from.</param>
    public void AssertNoFindings(BugShapedExceptions faults) =>
        Assert.True(_findings.Count == 0,
            $"{entrance}, seed {seed}: {_findings.Count} of {Requests} hostile requests got a 5xx or no answer:\n"
            + string.Join("\n", _findings.Take(ShownFindings))
            + "\nErrors the hub logged:\n" + string.Join("\n", faults.Errors.Take(ShownFindings)));

    /// <summary>Percent-encodes any text (lone surrogates included) as one URL path segment or query value.</summary>
    public static string UrlEncoded(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            encoded.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' ? c : $"%{b:X2}");
        }

        return encoded.ToString();
    }

    private static string Describe(byte[]? body) => body is null ? "(no body)"
        : body.Length <= 2_000 ? $"body (base64) {Convert.ToBase64String(body)}"
        : $"a {body.Length}-byte body starting (base64) {Convert.ToBase64String(body[..2_000])}";
}
