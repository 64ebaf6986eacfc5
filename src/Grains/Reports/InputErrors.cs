namespace Lapor.Hub.Reports;

/// <summary>Collects validation errors per field, in the shape of an RFC 9457 validation problem.</summary>
public sealed class InputErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public void RequireLength(string field, string? value, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Required.");
        }
        else if (value.Trim().Length < min)
        {
            Add(field, $"Too short: at least {min} characters.");
        }
        else
        {
            LimitLength(field, value, max);
        }
    }

    public void LimitLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"Too long: {value.Length} characters, at most {max}.");
        }
    }

    public void Merge(IReadOnlyDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new ReportRuleViolation(ReportRuleViolation.Invalid,
                string.Join(" ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
    }
}
