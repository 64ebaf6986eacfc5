using Lapor.Hub.Calendar;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Agencies;

[GrainType("agency")]
public sealed class AgencyGrain(
    [PersistentState("agency", GrainStorage.Name)] IPersistentState<AgencyState> state) : Grain, IAgencyGrain
{
    private AgencyState Agency => state.State;

    public Task<AgencyView?> Get() => Task.FromResult(Agency.Profile is null ? null : View());

    public async Task<AgencyView> Configure(AgencyProfile profile)
    {
        if (profile.Code != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Profile code {profile.Code} does not match agency {this.GetPrimaryKeyString()}.");
        }

        if (!AgencyProfile.IsValidCode(profile.Code) || string.IsNullOrWhiteSpace(profile.Name))
        {
            throw new ReportRuleViolation(ReportRuleViolation.Invalid, $"Agency '{profile.Code}' needs a valid code and a name.");
        }

        var canonical = profile with { TimeZone = IndonesianTimeZones.Resolve(profile.TimeZone).Id };
        if (Agency.Profile != canonical)
        {
            Agency.Profile = canonical;
            await state.WriteStateAsync();
        }

        return View();
    }

    public async Task TrackReport(AgencyReportUpdate update)
    {
        var known = Agency.Open.TryGetValue(update.TrackingId, out var previous);
        if (known && previous!.Version >= update.Version)
        {
            return;
        }

        if (update.IsOpen)
        {
            if (update.IsOverdue && previous?.IsOverdue != true && !update.IsSecret)
            {
                Agency.MissedDeadlines++;
            }

            Agency.Open[update.TrackingId] = new AgencyState.OpenReport(update.Version, update.IsOverdue, update.IsSecret);
        }
        else if (known)
        {
            Agency.Open.Remove(update.TrackingId);
            if (!previous!.IsSecret)
            {
                Agency.ClosedReports++;
            }
        }
        else
        {
            return;
        }

        await state.WriteStateAsync();
    }

    /// <summary>Anyone may read these counters, so a secret report is in none of them: a count of one would reveal it.</summary>
    private AgencyView View()
    {
        var open = Agency.Open.Values.Where(r => !r.IsSecret).ToArray();
        return new(Agency.Profile!, open.Length, open.Count(r => r.IsOverdue), Agency.ClosedReports, Agency.MissedDeadlines);
    }
}
