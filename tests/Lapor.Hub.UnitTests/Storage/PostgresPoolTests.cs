using Lapor.Hub.Storage;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Lapor.Hub.UnitTests.Storage;

public sealed class PostgresPoolTests
{
    [Theory]
    // max_connections 100 less 3 reserved, headroom 5, one node: 92.
    [InlineData(97, -1, -1, 5, 1, 92)]
    // Two nodes share it: 46 each.
    [InlineData(97, -1, -1, 5, 2, 46)]
    // The role's limit is tighter than the server's.
    [InlineData(97, 20, -1, 5, 2, 10)]
    // The database's limit is tighter still.
    [InlineData(97, 20, 4, 5, 1, 4)]
    // Never below one connection, however crowded.
    [InlineData(3, -1, -1, 5, 4, 1)]
    public void A_nodes_share_is_the_tightest_limit_less_headroom_split_between_nodes(
        int serverAvailable, int roleLimit, int databaseLimit, int headroom, int nodes, int expected)
    {
        var pool = new PostgresPoolOptions { Headroom = headroom, Nodes = nodes };

        Assert.Equal(expected, PostgresPool.ShareOf(serverAvailable, roleLimit, databaseLimit, pool));
    }

    [Fact]
    public void A_configured_size_goes_into_the_connection_string_with_the_wait_no_reset_on_close_and_prepared_statements()
    {
        var options = Configured(("Storage:PostgreSql:MaxPoolSize", "7"), ("Storage:PostgreSql:PoolTimeoutSeconds", "3"));

        var pool = PostgresPool.For(options);

        var builder = new NpgsqlConnectionStringBuilder(pool.ConnectionString);
        Assert.Equal(7, pool.MaxPoolSize);
        Assert.Equal(7, builder.MaxPoolSize);
        Assert.Equal(3, builder.Timeout);
        Assert.True(builder.NoResetOnClose);
        Assert.Equal(64, builder.MaxAutoPrepare);
        Assert.Equal("lapor", builder.Database);
    }

    [Fact]
    public void Automatic_preparation_can_be_turned_off()
    {
        var options = Configured(("Storage:PostgreSql:MaxPoolSize", "7"), ("Storage:PostgreSql:MaxAutoPrepare", "0"));

        Assert.Equal(0, new NpgsqlConnectionStringBuilder(PostgresPool.For(options).ConnectionString).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Nodes", "0")]
    [InlineData("MaxPoolSize", "0")]
    [InlineData("Headroom", "-1")]
    [InlineData("PoolTimeoutSeconds", "0")]
    [InlineData("MaxAutoPrepare", "-1")]
    public void A_setting_out_of_range_is_refused_naming_it(string setting, string value)
    {
        var refused = Assert.Throws<HubStorageConfigurationException>(() => Configured(($"Storage:PostgreSql:{setting}", value)));

        Assert.Contains($"Storage:PostgreSql:{setting}", refused.Message, StringComparison.Ordinal);
    }

    private static HubStorageOptions Configured(params (string Key, string Value)[] settings) =>
        HubStorageOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Storage:Provider", "PostgreSql"),
            new("Storage:ConnectionString", "Host=db.invalid;Database=lapor;Username=lapor;Password=secret"),
            .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)),
        ]).Build());
}
