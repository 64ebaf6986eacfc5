namespace Lapor.Hub.Polls;

/// <summary>A poll command the rules refuse (an officer or admin's mistake, never a citizen's vote). A stable code and a readable message.</summary>
[GenerateSerializer, Alias("Lapor.Hub.PollRuleViolation")]
public sealed class PollRuleViolation : Exception
{
    public const string Invalid = "invalid";
    public const string IllegalTransition = "illegal-transition";
    public const string NotFound = "not-found";
    public const string Forbidden = "forbidden";
    public const string UnknownAgency = "unknown-agency";
    public const string MalformedId = "malformed-id";

    public PollRuleViolation(string code, string message) : base(message) => Code = code;

    [Id(0)] public string Code { get; }
}
