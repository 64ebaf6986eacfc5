namespace Lapor.Hub.Reports.Commands;

/// <summary>Why a door's command was not sent. Each door turns it into its own answer (HTTP status, page error, chat text).</summary>
public enum CommandRefusal
{
    /// <summary>Nobody is known: the door should ask for a sign-in, an operator key or a reporter key.</summary>
    SignInRequired,

    /// <summary>This kind of viewer never takes this action.</summary>
    NotAllowed,

    /// <summary>The report does not exist for this viewer (absent, or not theirs to see or act on).</summary>
    NotFound,

    /// <summary>The input is invalid; <see cref="ReportCommandResult.Errors"/> says per field.</summary>
    Invalid,
}

/// <summary>The report after the command, or why it was refused before reaching the report.</summary>
public sealed record ReportCommandResult(ReportView? Report, CommandRefusal? Refusal = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Refusal is null;

    public static ReportCommandResult Refused(CommandRefusal refusal) => new(null, refusal);

    public static ReportCommandResult Invalid(InputErrors errors) => new(null, CommandRefusal.Invalid, errors.ToDictionary());
}
