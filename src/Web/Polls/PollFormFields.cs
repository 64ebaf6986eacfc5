using Lapor.Hub.Polls;

namespace Lapor.Hub.Web.Polls;

/// <summary>
/// Which form field a rule of the poll (<see cref="Poll.Validate"/>, or the grain's refusal) is about, so its message stands
/// next to that field. The rules name their subject in the message; anything else goes to the top of the form.
/// </summary>
public static class PollFormFields
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
}
