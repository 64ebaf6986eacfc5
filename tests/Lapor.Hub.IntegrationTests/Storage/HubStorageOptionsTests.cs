using Lapor.Hub.Storage;
using Microsoft.Extensions.Configuration;

namespace Lapor.Hub.Tests.Storage;

public sealed class HubStorageOptionsTests
{
    [Fact]
    public void An_empty_section_means_sqlite_under_data_in_the_current_directory()
    {
        var options = HubStorageOptions.FromConfiguration(Configuration());

        Assert.Equal(HubStorageProvider.Sqlite, options.Provider);
        Assert.Null(options.ConnectionString);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data"), options.ResolvedDataDirectory);
    }

    [Theory]
    [InlineData("PostgreSQL")]
    [InlineData("postgresql")]
    [InlineData(" PostgreSql ")]
    public void The_provider_name_is_case_insensitive(string provider)
    {
        var options = HubStorageOptions.FromConfiguration(Configuration(("Provider", provider), ("ConnectionString", "Host=db")));

        Assert.Equal(HubStorageProvider.PostgreSql, options.Provider);
        Assert.Equal("Host=db", options.ConnectionString);
    }

    [Theory]
    [InlineData("Mongo")]
    [InlineData("1")]
    public void An_unknown_provider_is_refused_with_the_choices(string provider)
    {
        var error = Assert.Throws<HubStorageConfigurationException>(() => HubStorageOptions.FromConfiguration(Configuration(("Provider", provider))));

        Assert.Contains($"'{provider}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite", error.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_is_refused()
    {
        var error = Assert.Throws<HubStorageConfigurationException>(() => HubStorageOptions.FromConfiguration(Configuration(("Provider", "PostgreSql"))));

        Assert.Contains("Storage:ConnectionString is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sqlite_connection_string_overrides_the_data_directory()
    {
        var options = HubStorageOptions.FromConfiguration(Configuration(("ConnectionString", "Data Source=:memory:"), ("DataDirectory", "/nowhere")));

        Assert.Equal("Data Source=:memory:", options.ConnectionString);
        Assert.Contains(":memory:", HubConnectionStrings.For(options), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(value => new KeyValuePair<string, string?>($"Storage:{value.Key}", value.Value)))
            .Build();
}
