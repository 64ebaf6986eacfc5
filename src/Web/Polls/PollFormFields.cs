using System.Text.RegularExpressions;
using Lapor.Hub.Polls;
using Microsoft.Extensions.Localization;

namespace Lapor.Hub.Web.Polls;

/// <summary>
/// Which form field a rule of the poll (<see cref="Poll.Validate"/>, or the grain's refusal) is about, so its message stands
/// next to that field. The rules name their subject in the message; anything else goes to the top of the form.
/// </summary>
public static partial class PollFormFields
{
    public const string Form = "form";

    private static readonly (string Field, string[] Words)[] Fields =
    [
        ("agency", ["agency"]),
        ("question", ["question"]),
        ("explanation", ["explanation"]),
        ("options", ["option"]),
        ("closes", ["closing", "closes"]),
        ("opens", ["opening", "opens"]),
        ("audience", ["audience", "region", "province"]),
    ];

    public static string Of(string message) =>
        Fields.FirstOrDefault(f => f.Words.Any(word => message.Contains(word, StringComparison.OrdinalIgnoreCase))).Field ?? Form;

    public static string Of(PollRuleViolation violation) => violation.Code == PollRuleViolation.Invalid ? Of(violation.Message) : Form;

    /// <summary>
    /// The rule's message in the officer's language: <see cref="Poll.Validate"/> words its rules in English, so the known
    /// ones have a twin in PollText ("Rule…" keys, the rule's number kept); a rule not known here is shown as it is.
    /// </summary>
    public static string Localized(string message, IStringLocalizer<PollText> text)
    {
        foreach (var (pattern, key) in Rules)
        {
            if (pattern.Match(message) is { Success: true } match)
            {
                return text[key, match.Groups.Values.Skip(1).Select(g => (object)g.Value).ToArray()];
            }
        }

        return message;
    }

    private static readonly (Regex Pattern, string Key)[] Rules =
    [
        (RuleQuestionLength(), "RuleQuestionLength"),
        (RuleExplanationLength(), "RuleExplanationLength"),
        (RuleOptionLength(), "RuleOptionLength"),
        (RuleOptionsDiffer(), "RuleOptionsDiffer"),
        (RuleOptionBlank(), "RuleOptionBlank"),
        (RuleClosesAfterOpens(), "RuleClosesAfterOpens"),
        (RuleUnknownRegion(), "RuleUnknownRegion"),
    ];

    [GeneratedRegex(@"^The question is at most (\d+) characters\.$")]
    private static partial Regex RuleQuestionLength();

    [GeneratedRegex(@"^The explanation is at most (\d+) characters\.$")]
    private static partial Regex RuleExplanationLength();

    [GeneratedRegex(@"^Each option is at most (\d+) characters\.$")]
    private static partial Regex RuleOptionLength();

    [GeneratedRegex(@"^The options must differ from each other\.$")]
    private static partial Regex RuleOptionsDiffer();

    [GeneratedRegex(@"^An option cannot be blank\.$")]
    private static partial Regex RuleOptionBlank();

    [GeneratedRegex(@"^The closing time must be after the opening time\.$")]
    private static partial Regex RuleClosesAfterOpens();

    [GeneratedRegex(@"^No region has the code '(.*)'\.$")]
    private static partial Regex RuleUnknownRegion();
}
