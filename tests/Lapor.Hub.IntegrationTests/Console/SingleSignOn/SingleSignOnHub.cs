namespace Lapor.Hub.Tests.Console.SingleSignOn;

/// <summary>The console hub with OpenID Connect sign-in pointed at a local <see cref="FakeIdentityProvider"/>.</summary>
public sealed class SingleSignOnHub : ConsoleHub
{
    public FakeIdentityProvider Provider { get; private set; } = null!;

    /// <summary>The address the browser uses: the hub behind its TLS-terminating proxy.</summary>
    public Uri PublicAddress => new UriBuilder(Settings.BaseAddress) { Scheme = Uri.UriSchemeHttps }.Uri;

    protected override async Task<IReadOnlyList<string>> ExtraArgumentsAsync()
    {
        // Started first: the hub reads discovery lazily, but needs the authority when it starts.
        Provider = await FakeIdentityProvider.StartAsync();
        return
        [
            $"--Accounts:Oidc:Authority={Provider.Authority.GetLeftPart(UriPartial.Authority)}",
            $"--Accounts:Oidc:ClientId={FakeIdentityProvider.ClientId}",
            $"--Accounts:Oidc:ClientSecret={FakeIdentityProvider.ClientSecret}",
            "--Accounts:Oidc:RequireHttpsMetadata=false",
        ];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }

    public ProxiedBrowser NewBrowser() => new(Settings.BaseAddress);
}
