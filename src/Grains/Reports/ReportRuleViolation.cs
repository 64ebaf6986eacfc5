namespace Lapor.Hub.Reports;

/// <summary>A command the report's rules refuse. Carries a stable code for clients and a readable message.</summary>
[GenerateSerializer, Alias("Lapor.Hub.ReportRuleViolation")]
public sealed class ReportRuleViolation : Exception
{
    public const string IllegalTransition = "illegal-transition";
    public const string NotFound = "not-found";
    public const string AlreadyFiled = "already-filed";
    public const string Invalid = "invalid";
    public const string UnknownAgency = "unknown-agency";
    public const string UnknownCategory = "unknown-category";
    public const string WrongAgency = "wrong-agency";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string UnverifiedAddress = "unverified-address";

    public ReportRuleViolation(string code, string message) : base(message) => Code = code;

    [Id(0)] public string Code { get; }
}
