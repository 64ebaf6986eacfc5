using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Lapor.Hub.Tests.Infrastructure;

/// <summary>Reminder knobs for test silos: Orleans' defaults (1 minute minimum period, 5 minute refresh) are too slow for tests.</summary>
/// <param name="MinimumReminderPeriod">The shortest period a reminder may be registered with.</param>
/// <param name="RefreshReminderListPeriod">How often a silo reloads its share of the reminder table.</param>
public sealed record ReminderTestTiming(TimeSpan MinimumReminderPeriod, TimeSpan RefreshReminderListPeriod)
{
    internal const string Section = "HubTest:Reminders";

    /// <summary>Reminders may tick every second and are picked up within a second.</summary>
    public static ReminderTestTiming Fast { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    internal IEnumerable<KeyValuePair<string, string?>> ToProperties() =>
    [
        new($"{Section}:{nameof(MinimumReminderPeriod)}", MinimumReminderPeriod.ToString("c", CultureInfo.InvariantCulture)),
        new($"{Section}:{nameof(RefreshReminderListPeriod)}", RefreshReminderListPeriod.ToString("c", CultureInfo.InvariantCulture)),
    ];

    internal static ReminderTestTiming FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new(
            Read(section, nameof(MinimumReminderPeriod), Fast.MinimumReminderPeriod),
            Read(section, nameof(RefreshReminderListPeriod), Fast.RefreshReminderListPeriod));
    }

    private static TimeSpan Read(IConfigurationSection section, string key, TimeSpan fallback) =>
        section[key] is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
