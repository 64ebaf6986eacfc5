using System.Net;

namespace Lapor.Hub.Tests.Console.SingleSignOn;

public sealed class SingleSignOnAbsentTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task Without_a_provider_the_sign_in_page_has_no_single_sign_on_and_the_route_does_not_exist()
    {
        using var client = hub.NewClient();
        var (status, html) = await client.GetPageAsync("/masuk");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("/masuk/oidc", html);

        var (challenge, _) = await client.GetPageAsync("/masuk/oidc");
        Assert.Equal(HttpStatusCode.NotFound, challenge);
    }
}
