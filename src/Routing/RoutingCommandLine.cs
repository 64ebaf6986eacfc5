using System.Globalization;
using System.Text;
using System.Text.Json;
using Lapor.Hub.Data;
using Lapor.Hub.Routing.Model;

namespace Lapor.Hub.Routing;

/// <summary>
/// The "routing" subcommands of the hub's executable (<c>dotnet run --project src/Silo -- routing …</c>); the
/// arguments given here are those after the word "routing". Exit codes: 0 success, 1 a data or model problem
/// (message with the file and line on standard error), 2 a usage error (usage on standard error).
/// </summary>
public static class RoutingCommandLine
{
    /// <summary>The file in a trained model directory that holds the evaluation on the held-back slice.</summary>
    public const string EvaluationFileName = "evaluation.json";

    public const string Usage = """
        usage: routing <command> [options]

          train    --data FILE.csv --text-column COL --category-column COL --agency-column COL --out DIR
                   [--region-column COL[+COL…]] [--date-column COL] [--empty-label LABEL]
                   [--holdout FRACTION] [--trainer NAME[,NAME…]] [--min-examples N] [--seed N] [--no-retrain]
                   Holds back a slice (the latest 20% by date with --date-column, else a seeded random 20%),
                   trains on the rest and prints the evaluation on the slice; then trains again on every row
                   (unless --no-retrain) and saves that model, with evaluation.json, into DIR.
          evaluate --model DIR --data FILE.csv --text-column COL --category-column COL --agency-column COL
                   [--region-column COL[+COL…]] [--empty-label LABEL] [--json]
          suggest  --model DIR [--region REGION] "text"
          predict  --model DIR --data FILE.csv --text-column COL [--region-column COL[+COL…]]
                   JSON Lines on standard output, one line per input row in file order.

        trainers: LinearSvm, AveragedPerceptron (default: both, pooled), SdcaMaximumEntropy, LbfgsMaximumEntropy, SdcaHinge
        """;

    private static readonly JsonWriterOptions JsonLine = new() { Indented = false };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        if (args[0] is "help" or "-h" or "--help")
        {
            await stdout.WriteLineAsync(Usage);
            return 0;
        }

        var command = args[0];
        try
        {
            switch (command)
            {
                case "train":
                    return await Task.Run(() => Train(Arguments.Parse(args[1..], TrainOptions, ["no-retrain"], 0), stdout, stderr, cancellationToken), cancellationToken);
                case "evaluate":
                    return Evaluate(Arguments.Parse(args[1..], EvaluateOptions, ["json"], 0), stdout);
                case "suggest":
                    return Suggest(Arguments.Parse(args[1..], ["model", "region"], [], 1), stdout);
                case "predict":
                    return Predict(Arguments.Parse(args[1..], ["model", "data", "text-column", "region-column"], [], 0), stdout);
                default:
                    throw new UsageException($"unknown command \"{command}\".");
            }
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"routing {command}: {e.Message}");
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        catch (CsvFormatException e)
        {
            await stderr.WriteLineAsync($"routing {command}: {e.Message}");
            return 1;
        }
        catch (RoutingModelException e)
        {
            await stderr.WriteLineAsync($"routing {command}: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            await stderr.WriteLineAsync($"routing {command}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync($"routing {command}: cancelled.");
            return 1;
        }
    }

    private static readonly string[] TrainOptions =
    [
        "data", "text-column", "category-column", "agency-column", "out", "region-column", "date-column",
        "empty-label", "holdout", "trainer", "min-examples", "seed",
    ];

    private static readonly string[] EvaluateOptions =
        ["model", "data", "text-column", "category-column", "agency-column", "region-column", "empty-label"];

    private static int Train(Arguments a, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var data = a.Required("data");
        var output = a.Required("out");
        var (textColumn, categoryColumn, agencyColumn) = (a.Required("text-column"), a.Required("category-column"), a.Required("agency-column"));
        var dateColumn = a.Optional("date-column");
        var holdout = a.Double("holdout", 0.2);
        if (holdout is < 0 or >= 1)
        {
            throw new UsageException("--holdout must be at least 0 and less than 1.");
        }

        var options = new RoutingTrainingOptions();
        if (a.Optional("trainer") is { } trainers)
        {
            options = options with
            {
                Trainers = trainers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(t => Enum.TryParse<RoutingTrainerKind>(t, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
                        ? kind
                        : throw new UsageException($"unknown trainer \"{t}\" (one of {string.Join(", ", Enum.GetNames<RoutingTrainerKind>())})."))
                    .ToArray(),
            };
        }

        options = options with
        {
            MinExamplesPerLabel = a.Int("min-examples", options.MinExamplesPerLabel),
            Seed = a.Int("seed", options.Seed),
        };

        var progress = new SynchronousProgress(stderr);
        progress.Report($"reading {data}");
        var examples = Labelled(RoutingData.ReadCsv(data, textColumn, categoryColumn, agencyColumn, a.Optional("region-column"), dateColumn, a.Optional("empty-label")),
            categoryColumn, agencyColumn, progress);

        // The held-back slice: the latest rows by date when there is a date column (what a new model will face),
        // else a seeded random slice. The evaluation printed and saved is that of a model trained without it.
        var (fit, held, slice) = HoldoutSplit(examples, holdout, dateColumn, options.Seed);
        RoutingEvaluation? evaluation = null;
        RoutingModel? evaluated = null;
        if (held.Count > 0 && fit.Count > 0)
        {
            progress.Report($"holding back {held.Count} rows ({slice}); training on {fit.Count}");
            evaluated = RoutingTrainer.Train(fit, options, progress, cancellationToken);
            evaluation = RoutingEvaluator.Evaluate(evaluated, held);
            stdout.WriteLine($"evaluation on {held.Count} held-back rows ({slice}), model trained on the other {fit.Count}:");
            WriteEvaluation(stdout, evaluation, perClassRows: 15);
        }
        else
        {
            progress.Report("no held-back slice (--holdout 0 or too few rows): no evaluation");
        }

        var retrain = !a.Flag("no-retrain") || evaluated is null;
        RoutingModel model;
        if (retrain)
        {
            progress.Report($"training the model to save on all {examples.Count} rows");
            model = RoutingTrainer.Train(examples, options, progress, cancellationToken);
        }
        else
        {
            model = evaluated!;
        }

        var report = new Dictionary<string, object?>
        {
            ["modelVersion"] = model.Version,
            ["evaluatedModelVersion"] = evaluated?.Version,
            ["heldBack"] = new { rows = held.Count, slice, trainedOnRows = fit.Count },
            ["note"] = retrain
                ? "the saved model was trained on every row; these figures are those of the same configuration trained without the held-back rows"
                : "the saved model is the evaluated one (trained without the held-back rows)",
            ["category"] = evaluation?.Category,
            ["agency"] = evaluation?.Agency,
        };
        ModelStore.Save(model, output, new Dictionary<string, string>
        {
            [EvaluationFileName] = JsonSerializer.Serialize(report, ModelStore.Json),
        });
        progress.Report($"saved model {model.Version} to {output}");
        stdout.WriteLine($"model {model.Version} saved to {output}");
        return 0;
    }

    /// <summary>
    /// Each task trains on the rows that have its label: says how many rows each task goes without, and drops the rows
    /// with no label at all. (With --empty-label an empty label is a class of its own, and nothing is skipped.)
    /// </summary>
    private static IReadOnlyList<RoutingExample> Labelled(IReadOnlyList<RoutingExample> rows, string categoryColumn, string agencyColumn, SynchronousProgress progress)
    {
        var labelled = rows.Where(e => e.HasCategory || e.HasAgency).ToArray();
        progress.Report($"{rows.Count} rows");
        var withoutCategory = rows.Count(e => !e.HasCategory);
        var withoutAgency = rows.Count(e => !e.HasAgency);
        if (withoutCategory > 0 || withoutAgency > 0)
        {
            progress.Report($"category: {withoutCategory} rows skipped (empty {categoryColumn}); agency: {withoutAgency} rows skipped (empty {agencyColumn})"
                + (labelled.Length < rows.Count ? $"; {rows.Count - labelled.Length} rows have neither and are not used" : "")
                + "; give --empty-label LABEL to learn empty labels as a class of their own");
        }

        if (!labelled.Any(e => e.HasCategory) || !labelled.Any(e => e.HasAgency))
        {
            throw new ArgumentException($"no row has a {(labelled.Any(e => e.HasCategory) ? $"value in {agencyColumn}" : $"value in {categoryColumn}")}: nothing to train that task on.");
        }

        return labelled;
    }

    internal static (IReadOnlyList<RoutingExample> Fit, IReadOnlyList<RoutingExample> Held, string Slice) HoldoutSplit(
        IReadOnlyList<RoutingExample> examples, double fraction, string? dateColumn, int seed)
    {
        var heldCount = (int)Math.Round(examples.Count * fraction);
        if (heldCount == 0 || heldCount >= examples.Count)
        {
            return (examples, [], "none");
        }

        int[] order;
        string slice;
        if (dateColumn is not null)
        {
            order = Enumerable.Range(0, examples.Count).OrderBy(i => examples[i].At).ThenBy(i => i).ToArray();
            var first = examples[order[^heldCount]].At;
            slice = string.Create(CultureInfo.InvariantCulture, $"the latest {fraction * 100:0.#}% by {dateColumn}, from {first:yyyy-MM-dd HH:mm}");
        }
        else
        {
            order = Enumerable.Range(0, examples.Count).ToArray();
            new Random(seed).Shuffle(order);
            slice = string.Create(CultureInfo.InvariantCulture, $"a random {fraction * 100:0.#}%, seed {seed}");
        }

        var held = order[^heldCount..].Order().Select(i => examples[i]).ToArray();
        var fit = order[..^heldCount].Order().Select(i => examples[i]).ToArray();
        return (fit, held, slice);
    }

    private static int Evaluate(Arguments a, TextWriter stdout)
    {
        var directory = a.Required("model");
        var (data, text, category, agency) = (a.Required("data"), a.Required("text-column"), a.Required("category-column"), a.Required("agency-column"));
        var model = RoutingModel.Load(directory);
        var examples = RoutingData.ReadCsv(data, text, category, agency, a.Optional("region-column"), null, a.Optional("empty-label"));
        if (!examples.Any(e => e.HasCategory) || !examples.Any(e => e.HasAgency))
        {
            throw new ArgumentException($"{data}: no row has a {(examples.Any(e => e.HasCategory) ? "agency" : "category")} to evaluate on.");
        }

        var evaluation = RoutingEvaluator.Evaluate(model, examples);
        if (a.Flag("json"))
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, JsonLine))
            {
                json.WriteStartObject();
                WriteSummary(json, "category", evaluation.Category);
                WriteSummary(json, "agency", evaluation.Agency);
                json.WriteEndObject();
            }

            stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
            return 0;
        }

        stdout.WriteLine($"model {model.Version} on {examples.Count} rows:");
        WriteEvaluation(stdout, evaluation, perClassRows: int.MaxValue);
        return 0;
    }

    private static void WriteSummary(Utf8JsonWriter json, string name, TaskEvaluation task)
    {
        json.WriteStartObject(name);
        json.WriteNumber("accuracy", Math.Round(task.Accuracy, 6));
        json.WriteNumber("top3Accuracy", Math.Round(task.Top3Accuracy, 6));
        json.WriteNumber("macroF1", Math.Round(task.MacroF1, 6));
        json.WriteNumber("rows", task.Rows);
        json.WriteEndObject();
    }

    private static int Suggest(Arguments a, TextWriter stdout)
    {
        var directory = a.Required("model");
        var text = a.Positional.Count == 1 ? a.Positional[0] : throw new UsageException("suggest needs the text, in quotes.");
        var model = RoutingModel.Load(directory);
        var suggestion = model.Suggest(text, a.Optional("region"));
        stdout.WriteLine($"model {suggestion.ModelVersion}");
        WriteRanked(stdout, "category", suggestion.Categories);
        WriteRanked(stdout, "agency", suggestion.Agencies);
        return 0;
    }

    private static void WriteRanked(TextWriter stdout, string title, IReadOnlyList<LabelScore> scores)
    {
        stdout.WriteLine($"{title}:");
        if (scores.Count == 0)
        {
            stdout.WriteLine("  (none)");
        }

        for (var i = 0; i < scores.Count; i++)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {i + 1}. {scores[i].Confidence,6:0.000}  {scores[i].Label}"));
        }
    }

    private static int Predict(Arguments a, TextWriter stdout)
    {
        var directory = a.Required("model");
        var (data, textColumn) = (a.Required("data"), a.Required("text-column"));
        var model = RoutingModel.Load(directory);
        var inputs = RoutingData.ReadInputs(data, textColumn, a.Optional("region-column"));
        using var buffer = new MemoryStream();
        foreach (var input in inputs)
        {
            var suggestion = model.Suggest(input.Text, input.RegionCode);
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, JsonLine))
            {
                json.WriteStartObject();
                json.WriteNumber("row", input.Row);
                WriteScores(json, "category", suggestion.Categories);
                WriteScores(json, "agency", suggestion.Agencies);
                json.WriteEndObject();
            }

            stdout.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        return 0;
    }

    private static void WriteScores(Utf8JsonWriter json, string name, IReadOnlyList<LabelScore> scores)
    {
        json.WriteStartArray(name);
        foreach (var score in scores)
        {
            json.WriteStartObject();
            json.WriteString("label", score.Label);
            json.WriteNumber("confidence", Math.Round(score.Confidence, 4));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The human-readable evaluation: one summary line per task and its per-class table (largest classes first).</summary>
    public static void WriteEvaluation(TextWriter writer, RoutingEvaluation evaluation, int perClassRows)
    {
        WriteTask(writer, "category", evaluation.Category, perClassRows);
        WriteTask(writer, "agency", evaluation.Agency, perClassRows);
    }

    private static void WriteTask(TextWriter writer, string name, TaskEvaluation task, int perClassRows)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {task.Rows} rows, accuracy {task.Accuracy:0.000}, top-3 accuracy {task.Top3Accuracy:0.000}, macro-F1 {task.MacroF1:0.000}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {task.RareRows} rows have a label the model cannot suggest (rare or unseen in training; counted as wrong); accuracy on the other rows {task.AccuracyExcludingRare:0.000}"));
        var width = Math.Clamp(task.PerClass.Take(perClassRows).Select(c => c.Label.Length).DefaultIfEmpty(5).Max(), 5, 60);
        writer.WriteLine($"  {"label".PadRight(width)}  support  precision  recall     F1");
        foreach (var c in task.PerClass.Take(perClassRows))
        {
            var label = c.Label.Length > width ? c.Label[..(width - 1)] + "…" : c.Label.PadRight(width);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}  {c.Support,7}  {c.Precision,9:0.000}  {c.Recall,6:0.000}  {c.F1,5:0.000}"));
        }

        if (task.PerClass.Count > perClassRows)
        {
            writer.WriteLine($"  … {task.PerClass.Count - perClassRows} more labels (routing evaluate prints all)");
        }
    }

    /// <summary>Reports progress lines on standard error at once (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(TextWriter writer) : IProgress<string>
    {
        private readonly Lock _gate = new();

        public void Report(string value)
        {
            lock (_gate)
            {
                writer.WriteLine(value);
                writer.Flush();
            }
        }
    }

    private sealed class UsageException(string message) : Exception(message);

    /// <summary>"--name value" / "--name=value" options, "--flag" flags and positional arguments, checked against what a command takes.</summary>
    private sealed class Arguments
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
        private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

        public List<string> Positional { get; } = [];

        public static Arguments Parse(string[] args, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags, int maxPositional)
        {
            var result = new Arguments();
            for (var i = 0; i < args.Length; i++)
            {
                var arg = args[i];
                if (arg == "--")
                {
                    result.Positional.AddRange(args[(i + 1)..]);
                    break;
                }

                if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                {
                    result.Positional.Add(arg);
                    continue;
                }

                var name = arg[2..];
                string? value = null;
                var equals = name.IndexOf('=', StringComparison.Ordinal);
                if (equals >= 0)
                {
                    value = name[(equals + 1)..];
                    name = name[..equals];
                }

                if (flags.Contains(name))
                {
                    if (value is not null)
                    {
                        throw new UsageException($"--{name} takes no value.");
                    }

                    result._flags.Add(name);
                    continue;
                }

                if (!options.Contains(name))
                {
                    throw new UsageException($"unknown option --{name}.");
                }

                if (value is null)
                {
                    if (i + 1 >= args.Length)
                    {
                        throw new UsageException($"--{name} needs a value.");
                    }

                    value = args[++i];
                }

                if (!result._values.TryAdd(name, value))
                {
                    throw new UsageException($"--{name} is given twice.");
                }
            }

            if (result.Positional.Count > maxPositional)
            {
                throw new UsageException(maxPositional == 0
                    ? $"unexpected argument \"{result.Positional[0]}\"."
                    : $"unexpected argument \"{result.Positional[maxPositional]}\" (quote the text).");
            }

            return result;
        }

        public string Required(string name) =>
            _values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new UsageException($"--{name} is required.");

        public string? Optional(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        public bool Flag(string name) => _flags.Contains(name);

        public int Int(string name, int fallback) =>
            Optional(name) is not { } text ? fallback
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : throw new UsageException($"--{name} must be a whole number, not \"{text}\".");

        public double Double(string name, double fallback) =>
            Optional(name) is not { } text ? fallback
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
            : throw new UsageException($"--{name} must be a number, not \"{text}\".");
    }
}
