using Lapor.Hub.Polls;

namespace Lapor.Hub.Web.Polls;

/// <summary>Which form field a refusal of the poll grain is about, so the message stands next to that field.</summary>
public static class PollFormFields
{
    public const string Form = "form";

    private static readonly (string Field, string[] Words)[] Fields =
    [
        ("question", ["question", "pertanyaan"]),
        ("options", ["option", "pilihan"]),
        ("explanation", ["explanation", "penjelasan"]),
        ("closes", ["clos", "tutup"]),
        ("opens", ["open", "buka"]),
        ("audience", ["audience", "region", "wilayah", "sasaran"]),
        ("agency", ["agency", "instansi"]),
    ];

    public static string Of(PollRuleViolation violation)
    {
        if (violation.Code != PollRuleViolation.Invalid)
        {
            return Form;
        }

        foreach (var (field, words) in Fields)
        {
            if (words.Any(word => violation.Message.Contains(word, StringComparison.OrdinalIgnoreCase)))
            {
                return field;
            }
        }

        return Form;
    }
}
