using System.Text.Json;
using Lapor.Hub.Routing;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Routing;

public sealed class RoutingCommandLineTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Train_evaluate_suggest_and_predict_from_a_csv()
    {
        var data = _temp.Combine("reports.csv");
        RoutingTestData.WriteCsv(data, RoutingTestData.Examples(10));
        var model = _temp.Combine("model");

        // train: progress on stderr, evaluation and the saved version on stdout, evaluation.json next to the model.
        var (exit, stdout, stderr) = await Run("train", "--data", data, "--text-column", "text", "--category-column", "topic", "--agency-column", "agency", "--date-column", "submitted_at", "--out", model);
        Assert.True(exit == 0, stderr);
        Assert.Contains("holding back 12 rows (the latest 20% by submitted_at", stderr, StringComparison.Ordinal);
        Assert.Contains("trained model", stderr, StringComparison.Ordinal);
        Assert.Contains("category: 12 rows, accuracy", stdout, StringComparison.Ordinal);
        Assert.Contains("agency: 12 rows, accuracy", stdout, StringComparison.Ordinal);
        var version = RoutingModel.Load(model).Version;
        Assert.Contains($"model {version} saved to {model}", stdout, StringComparison.Ordinal);
        using (var evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "evaluation.json"))))
        {
            Assert.Equal(version, evaluation.RootElement.GetProperty("modelVersion").GetString());
            Assert.Equal(12, evaluation.RootElement.GetProperty("heldBack").GetProperty("rows").GetInt32());
            Assert.Equal(12, evaluation.RootElement.GetProperty("category").GetProperty("rows").GetInt32());
            Assert.True(evaluation.RootElement.GetProperty("agency").GetProperty("perClass").GetArrayLength() > 0);
        }

        // evaluate --json: exactly one JSON object on stdout.
        (exit, stdout, stderr) = await Run("evaluate", "--model", model, "--data", data, "--text-column", "text", "--category-column", "topic", "--agency-column", "agency", "--json");
        Assert.True(exit == 0, stderr);
        using (var json = JsonDocument.Parse(stdout))
        {
            Assert.Equal(["category", "agency"], json.RootElement.EnumerateObject().Select(p => p.Name));
            foreach (var task in json.RootElement.EnumerateObject())
            {
                Assert.Equal(["accuracy", "top3Accuracy", "macroF1", "rows"], task.Value.EnumerateObject().Select(p => p.Name));
                Assert.Equal(60, task.Value.GetProperty("rows").GetInt32());
                Assert.InRange(task.Value.GetProperty("accuracy").GetDouble(), 0.8, 1.0);
                Assert.InRange(task.Value.GetProperty("top3Accuracy").GetDouble(), task.Value.GetProperty("accuracy").GetDouble(), 1.0);
            }
        }

        Assert.Single(stdout.Trim().Split('\n'));

        // evaluate without --json: the human table with the per-class figures.
        (exit, stdout, _) = await Run("evaluate", "--model", model, "--data", data, "--text-column", "text", "--category-column", "topic", "--agency-column", "agency");
        Assert.Equal(0, exit);
        Assert.Contains("support  precision  recall", stdout, StringComparison.Ordinal);
        Assert.Contains(RoutingTestData.IdentityCards, stdout, StringComparison.Ordinal);

        // suggest: the top three of each with confidences.
        (exit, stdout, stderr) = await Run("suggest", "--model", model, "lampu jalan mati total sejak kemarin");
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"model {version}", lines[0]);
        Assert.Equal("category:", lines[1]);
        Assert.Matches(@"^  1\.  0\.\d{3}  Penerangan Jalan Umum$", lines[2]);
        Assert.StartsWith("  3. ", lines[4], StringComparison.Ordinal);
        Assert.Equal("agency:", lines[5]);
        Assert.EndsWith(RoutingTestData.Transport, lines[6], StringComparison.Ordinal);

        // predict: one JSON line per input row, in file order, numbered from 1.
        var inputs = _temp.Write("inputs.csv", "text,note\n\"sampah menumpuk\ntidak diangkut\",a\nktp el belum jadi,b\n,empty text\nbansos belum cair,c\n");
        (exit, stdout, stderr) = await Run("predict", "--model", model, "--data", inputs, "--text-column", "text");
        Assert.True(exit == 0, stderr);
        var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).ToArray();
        Assert.Equal(4, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var root = rows[i].RootElement;
            Assert.Equal(["row", "category", "agency"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(i + 1, root.GetProperty("row").GetInt32());
            foreach (var task in new[] { "category", "agency" })
            {
                var scores = root.GetProperty(task);
                Assert.Equal(3, scores.GetArrayLength());
                Assert.All(scores.EnumerateArray(), s =>
                {
                    Assert.Equal(["label", "confidence"], s.EnumerateObject().Select(p => p.Name));
                    Assert.InRange(s.GetProperty("confidence").GetDouble(), 0, 1);
                });
            }
        }

        Assert.Equal(RoutingTestData.Waste, rows[0].RootElement.GetProperty("category")[0].GetProperty("label").GetString());
        Assert.Equal(RoutingTestData.IdentityCards, rows[1].RootElement.GetProperty("category")[0].GetProperty("label").GetString());
        Assert.Equal(RoutingTestData.Social, rows[3].RootElement.GetProperty("agency")[0].GetProperty("label").GetString());
        foreach (var row in rows)
        {
            row.Dispose();
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("fly")]
    [InlineData("train|--data|x.csv")]
    [InlineData("evaluate|--model|m|--data|d.csv|--text-column|t|--category-column|c|--agency-column|a|--colour|red")]
    [InlineData("suggest|--model|m")]
    [InlineData("suggest|--model|m|two|words")]
    [InlineData("predict|--model")]
    [InlineData("train|--holdout|lots")]
    public async Task Usage_errors_exit_with_2_and_print_the_usage_on_stderr(string arguments)
    {
        var (exit, stdout, stderr) = await Run(arguments.Split('|', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, exit);
        Assert.Contains("usage: routing <command>", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task A_missing_model_exits_with_1()
    {
        var (exit, stdout, stderr) = await Run("suggest", "--model", _temp.Combine("none"), "jalan rusak");

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task Train_uses_each_row_for_the_labels_it_has_and_says_how_many_each_task_skipped()
    {
        // Every fifth row has no topic, every seventh no agency: real exports have gaps like these.
        var data = _temp.Combine("gaps.csv");
        var rows = RoutingTestData.Examples(6).Select((e, i) => e with
        {
            Category = i % 5 == 4 ? "" : e.Category,
            Agency = i % 7 == 6 ? "" : e.Agency,
        }).ToArray();
        RoutingTestData.WriteCsv(data, rows);
        var (withoutTopic, withoutAgency) = (rows.Count(e => e.Category.Length == 0), rows.Count(e => e.Agency.Length == 0));
        var model = _temp.Combine("gaps-model");

        var (exit, stdout, stderr) = await Run("train", "--data", data, "--text-column", "text", "--category-column", "topic",
            "--agency-column", "agency", "--out", model, "--trainer", "LinearSvm", "--no-retrain");

        Assert.True(exit == 0, stderr);
        Assert.Contains($"category: {withoutTopic} rows skipped (empty topic); agency: {withoutAgency} rows skipped (empty agency)", stderr, StringComparison.Ordinal);
        Assert.Contains("model ", stdout, StringComparison.Ordinal);
        var trained = RoutingModel.Load(model);
        Assert.DoesNotContain("", trained.Manifest.CategoryLabels);
        Assert.DoesNotContain("", trained.Manifest.AgencyLabels);

        // --empty-label still makes the empty topic a class of its own.
        var withClass = _temp.Combine("gaps-model-empty-label");
        (exit, _, stderr) = await Run("train", "--data", data, "--text-column", "text", "--category-column", "topic",
            "--agency-column", "agency", "--out", withClass, "--trainer", "LinearSvm", "--no-retrain", "--empty-label", "(kosong)", "--min-examples", "1");
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("rows skipped", stderr, StringComparison.Ordinal);
        Assert.Contains("(kosong)", RoutingModel.Load(withClass).Manifest.CategoryLabels);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await RoutingCommandLine.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
