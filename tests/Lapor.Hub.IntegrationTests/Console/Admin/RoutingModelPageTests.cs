using System.Net;
using Lapor.Hub.Routing.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console.Admin;

/// <summary>The routing model page: the model in service, its versions with their evaluations, retraining on request.</summary>
public sealed class RoutingModelPageTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    private const string Page = "/admin/model";

    private RoutingModelStore Store => hub.Services.GetRequiredService<RoutingModelStore>();

    private RoutingService Service => hub.Services.GetRequiredService<RoutingService>();

    [Fact]
    public async Task An_admin_sees_the_model_in_service_and_every_version_with_its_evaluation()
    {
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var (status, html) = await admin.GetPageAsync(Page);

        Assert.Equal(HttpStatusCode.OK, status);
        var current = Service.Current!;
        Assert.Contains($"Versi {current.Version}", html);
        foreach (var version in Store.Decisions())
        {
            Assert.Contains($"<code>{version.Version}</code>", html);
        }

        Assert.Contains("data-chart=\"bar\"", html);
        Assert.Contains("(sedang dipakai)", html);
    }

    [Fact]
    public async Task Each_version_says_which_examples_its_figures_were_measured_on()
    {
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var (_, html) = await admin.GetPageAsync(Page);

        Assert.Contains("Angka lain, misalnya di README proyek, diukur pada set uji terpisah", html);
        var decisions = Store.Decisions();
        Assert.NotEmpty(decisions);
        foreach (var version in decisions)
        {
            Assert.Contains(version.ComparedWith is { } seen
                ? $"Diukur pada {version.HeldBackRows} konfirmasi admin terbaru yang belum pernah dilihat {seen}."
                : $"Diukur pada {version.HeldBackRows} contoh set awal yang disisihkan dari pelatihannya", html);
        }
    }

    [Fact]
    public async Task Retrain_now_trains_a_new_version_in_the_background_and_the_page_shows_it()
    {
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var before = Store.Decisions().Count;

        var response = await admin.PostFormAsync(Page, $"{Page}?handler=Retrain", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Page, response.Headers.Location!.OriginalString);
        var (_, notice) = await admin.GetPageAsync(Page);
        Assert.Contains("Pelatihan ulang dimulai.", notice);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (Store.Decisions().Count == before)
        {
            await Task.Delay(100, timeout.Token);
        }

        var newest = Store.Decisions()[0];
        var (_, html) = await admin.GetPageAsync(Page);
        Assert.Contains($"<code>{newest.Version}</code>", html);
        Assert.DoesNotContain("Pelatihan ulang dimulai.", html);

        // With no reports confirmed since the model in service was trained, there is nothing to judge the new version
        // on: it is kept aside, and the page says why.
        Assert.False(newest.Promoted);
        Assert.Contains($"Hanya {newest.HeldBackRows} laporan baru sebagai pembanding; perlu paling sedikit 20", html);
    }

    [Fact]
    public async Task A_retrain_form_without_its_antiforgery_token_is_refused_and_asks_for_nothing()
    {
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var response = await admin.PostFormWithTokenAsync($"{Page}?handler=Retrain", new Dictionary<string, string>(), token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(hub.Services.GetRequiredService<RetrainRequests>().IsPending);
    }

    [Theory]
    [InlineData(null, "/masuk")]
    [InlineData(ConsoleHub.OfficerA, "/akses-ditolak")]
    public async Task Officers_and_visitors_do_not_open_it(string? userName, string redirectedTo)
    {
        using var client = userName is null ? hub.NewClient() : await hub.SignInAsync(userName);
        using var response = await client.Http.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(redirectedTo, response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_page_reads_in_English_too()
    {
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        await admin.Http.GetAsync("/bahasa/en?returnUrl=/admin/model");
        var (_, html) = await admin.GetPageAsync(Page);
        Assert.Contains("Routing suggestion model", html);
        Assert.Contains("Retrain now", html);
    }
}
