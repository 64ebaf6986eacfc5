using System.Globalization;
using Lapor.Hub.Calendar;
using Lapor.Hub.Polls;

namespace Lapor.Hub.Web.Polls;

/// <summary>
/// The create/edit form as posted: text as typed, times as "yyyy-MM-ddTHH:mm" in WIB (what a datetime-local input sends).
/// It only turns the fields into a <see cref="PollDraft"/>; the rules on the draft itself (lengths, window, audience) are
/// the poll grain's, which refuses a bad draft with <see cref="PollRuleViolation"/>.
/// </summary>
public sealed class PollForm
{
    public const int MaxOptions = 10;
    public const int MinOptions = 2;
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public string? AgencyCode { get; set; }

    public string? Question { get; set; }

    /// <summary>Always <see cref="MaxOptions"/> inputs on the page (so the form works without JavaScript); blank ones are left out.</summary>
    public List<string?> Options { get; set; } = [];

    public string? Explanation { get; set; }

    public string? OpensAt { get; set; }

    public string? ClosesAt { get; set; }

    public bool ResultsBeforeClose { get; set; }

    public PollAudienceKind Audience { get; set; } = PollAudienceKind.OptedIn;

    public List<string> RegionCodes { get; set; } = [];

    public IReadOnlyList<string> FilledOptions => Options.Select(o => o?.Trim() ?? "").Where(o => o.Length > 0).ToArray();

    /// <summary>The option inputs to render: what was typed, padded with blanks to <see cref="MaxOptions"/>.</summary>
    public IReadOnlyList<string> OptionInputs =>
        [.. Options.Take(MaxOptions).Select(o => o ?? ""), .. Enumerable.Repeat("", Math.Max(0, MaxOptions - Options.Count))];

    public static PollForm From(PollDraft draft) => new()
    {
        AgencyCode = draft.AgencyCode,
        Question = draft.Question,
        Options = [.. draft.Options],
        Explanation = draft.Explanation,
        OpensAt = Local(draft.OpensAt),
        ClosesAt = Local(draft.ClosesAt),
        ResultsBeforeClose = draft.ResultsBeforeClose,
        Audience = draft.Audience.Kind,
        RegionCodes = [.. draft.Audience.RegionCodes ?? []],
    };

    /// <summary>A fresh form: opening at the next full hour, closing a week later.</summary>
    public static PollForm Blank(DateTimeOffset now, string? agencyCode)
    {
        var utc = now.UtcDateTime;
        var opens = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        return new PollForm { AgencyCode = agencyCode, OpensAt = Local(opens), ClosesAt = Local(opens.AddDays(7)), Options = ["", ""] };
    }

    /// <summary>The draft these fields describe, or null with <paramref name="errors"/> (field → message key) filled in.</summary>
    public PollDraft? ToDraft(IDictionary<string, string> errors)
    {
        var opens = Instant(OpensAt);
        var closes = Instant(ClosesAt);
        if (string.IsNullOrWhiteSpace(AgencyCode))
        {
            errors["agency"] = "AgencyRequired";
        }

        if (string.IsNullOrWhiteSpace(Question))
        {
            errors["question"] = "QuestionRequired";
        }

        if (FilledOptions.Count is < MinOptions or > MaxOptions)
        {
            errors["options"] = "OptionsCount";
        }

        if (opens is null)
        {
            errors["opens"] = "TimeInvalid";
        }

        if (closes is null)
        {
            errors["closes"] = "TimeInvalid";
        }

        var regions = RegionCodes.Select(c => (c ?? "").Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (Audience == PollAudienceKind.Regions && regions.Length == 0)
        {
            errors["audience"] = "RegionsRequired";
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new PollDraft(AgencyCode!.Trim(), Question!.Trim(), FilledOptions, string.IsNullOrWhiteSpace(Explanation) ? null : Explanation.Trim(),
            opens!.Value, closes!.Value, ResultsBeforeClose,
            new PollAudience(Audience, Audience == PollAudienceKind.Regions ? regions : null));
    }

    /// <summary>A UTC instant as the WIB wall-clock time a datetime-local input shows.</summary>
    public static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, IndonesianTimeZones.Wib).ToString(LocalFormat, CultureInfo.InvariantCulture);

    /// <summary>A WIB wall-clock time ("2026-12-07T09:00", seconds allowed) as a UTC instant; null when it is not one.</summary>
    public static DateTimeOffset? Instant(string? local)
    {
        if (!DateTime.TryParseExact(local?.Trim(), [LocalFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            return null;
        }

        // Beyond these years a wall-clock time is a typo, and near DateTime's ends it has no UTC instant at all.
        if (wallClock.Year is < 2000 or > 2999)
        {
            return null;
        }

        var offset = IndonesianTimeZones.Wib.GetUtcOffset(wallClock);
        return new DateTimeOffset(wallClock, offset).ToUniversalTime();
    }
}
