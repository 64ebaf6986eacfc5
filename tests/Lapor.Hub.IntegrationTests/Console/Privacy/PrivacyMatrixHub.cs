using System.Net;
using System.Net.Http.Headers;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Console.Privacy;

public enum ReportKind { Normal, Anonymous, Secret }

public enum Role { Public, Reporter, Admin, Supervisor, OfficerOfAgency, OfficerOfOtherAgency }

public enum Surface { Page, Api, List, Search, Map }

/// <summary>One report of each kind, forwarded to agency A with a follow-up, and a signed-in client for every role.</summary>
public sealed class PrivacyMatrixHub : ConsoleHub
{
    private readonly Dictionary<ReportKind, FiledReport> _reports = [];
    private readonly Dictionary<Role, ConsoleClient> _clients = [];

    public sealed record FiledReport(string TrackingId, string ReporterKey, string Marker, string ReporterName, string ReporterAddress);

    public FiledReport Report(ReportKind kind) => _reports[kind];

    public ConsoleClient Client(Role role) => _clients[role];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            _reports[kind] = await FileForwardAndFollowUpAsync(kind);
        }

        _clients[Role.Public] = NewClient();
        _clients[Role.Reporter] = NewClient();
        _clients[Role.Admin] = await SignInAsync(Admin);
        _clients[Role.Supervisor] = await SignInAsync(Supervisor);
        _clients[Role.OfficerOfAgency] = await SignInAsync(OfficerA);
        _clients[Role.OfficerOfOtherAgency] = await SignInAsync(OfficerB);
    }

    public override async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await base.DisposeAsync();
    }

    private async Task<FiledReport> FileForwardAndFollowUpAsync(ReportKind kind)
    {
        // Words and identities unique to each report, so a leak of one report into another's page cannot hide.
        var marker = $"penanda{kind.ToString().ToLowerInvariant()}";
        var name = $"Pelapor{kind}";
        var address = $"tg:77{(int)kind}01";
        var (id, reporterKey) = await this.FileFromChatAsync(address, $"Jembatan {marker} retak dan miring, warga takut melintas setiap pagi.",
            $"Jembatan {marker}", name, secret: kind == ReportKind.Secret, anonymous: kind == ReportKind.Anonymous);
        using var forwarded = await Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = AgencyA });
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        using var followedUp = await Operator.PostJsonAsync($"/api/reports/{id}/follow-ups",
            new { agencyCode = AgencyA, text = $"Tim sudah memeriksa jembatan {marker} dan memasang rambu." });
        Assert.Equal(HttpStatusCode.OK, followedUp.StatusCode);
        return new FiledReport(id, reporterKey, marker, name, address);
    }

    /// <summary>GET with the role's credentials: the session cookie for accounts, the reporter key for the reporter.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(Role role, string path, ReportKind kind)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(path.StartsWith("/api", StringComparison.Ordinal) ? "application/json" : "text/html"));
        if (role == Role.Reporter)
        {
            request.Headers.Add("X-Reporter-Key", Report(kind).ReporterKey);
        }

        using var response = await Client(role).Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
