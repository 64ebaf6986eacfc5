using Microsoft.Extensions.Configuration;

namespace Lapor.Hub.Storage;

/// <summary>Where the hub keeps its data. Bound from the configuration section <c>Storage</c>.</summary>
public sealed class HubStorageOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Storage";

    /// <summary>The default <see cref="DataDirectory"/>.</summary>
    public const string DefaultDataDirectory = "./data";

    private readonly Lock _poolDecision = new();
    private PostgresPool? _postgresPool;

    public HubStorageProvider Provider { get; set; } = HubStorageProvider.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite it overrides the file under <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the SQLite file lives; relative paths are resolved against the current directory.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>The connection pool's bound on PostgreSQL (<c>Storage:PostgreSql</c>).</summary>
    public PostgresPoolOptions PostgreSql { get; set; } = new();

    /// <summary>Reads and validates the section <c>Storage</c> of <paramref name="configuration"/>.</summary>
    /// <exception cref="HubStorageConfigurationException">The section names an unknown provider or lacks a required value.</exception>
    public static HubStorageOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var options = new HubStorageOptions
        {
            Provider = ParseProvider(section[nameof(Provider)]),
            ConnectionString = NullIfBlank(section[nameof(ConnectionString)]),
            DataDirectory = NullIfBlank(section[nameof(DataDirectory)]) ?? DefaultDataDirectory,
            PostgreSql = section.GetSection(PostgresPoolOptions.SectionName).Get<PostgresPoolOptions>() ?? new PostgresPoolOptions(),
        };
        options.Validate();
        return options;
    }

    /// <summary>Throws a <see cref="HubStorageConfigurationException"/> that says what to fix, if anything.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Provider))
        {
            throw new HubStorageConfigurationException(
                $"{SectionName}:{nameof(Provider)} value '{Provider}' is not supported. Use 'Sqlite' or 'PostgreSql'.");
        }

        if (Provider == HubStorageProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new HubStorageConfigurationException(
                $"{SectionName}:{nameof(ConnectionString)} is required when {SectionName}:{nameof(Provider)} is PostgreSql, "
                + "for example \"Host=db;Database=lapor;Username=lapor;Password=…\".");
        }

        if (Provider == HubStorageProvider.Sqlite && ConnectionString is null && string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new HubStorageConfigurationException(
                $"{SectionName}:{nameof(DataDirectory)} must not be empty when {SectionName}:{nameof(Provider)} is Sqlite.");
        }

        if (Provider == HubStorageProvider.PostgreSql && PostgreSql.Problems().FirstOrDefault() is { } problem)
        {
            throw new HubStorageConfigurationException(problem);
        }
    }

    /// <summary>The PostgreSQL pool every component shares, decided once (asking the database its limits, unless sized here).</summary>
    internal PostgresPool ResolvedPostgresPool
    {
        get
        {
            lock (_poolDecision)
            {
                return _postgresPool ??= PostgresPool.For(this);
            }
        }
    }

    /// <summary>The data directory as an absolute path.</summary>
    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory, Directory.GetCurrentDirectory());

    /// <summary>Where the data lives, for the start-up log: the SQLite file, or server and database for PostgreSQL.</summary>
    public string DescribeLocation() => HubConnectionStrings.Describe(this);

    private static HubStorageProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return HubStorageProvider.Sqlite;
        }

        // Enum.TryParse also accepts numbers and comma lists; only the names are meant.
        var name = value.Trim();
        foreach (var provider in Enum.GetValues<HubStorageProvider>())
        {
            if (string.Equals(provider.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new HubStorageConfigurationException(
            $"{SectionName}:{nameof(Provider)} value '{value}' is not supported. Use 'Sqlite' or 'PostgreSql'.");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
