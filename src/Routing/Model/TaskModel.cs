namespace Lapor.Hub.Routing.Model;

/// <summary>One prediction task (category or agency): its labels, by class index, and the trained classifier.</summary>
internal sealed class TaskModel
{
    public TaskModel(string[] labels, LinearClassifier classifier)
    {
        if (labels.Length != classifier.Classes)
        {
            throw new InvalidDataException($"{labels.Length} labels for a classifier of {classifier.Classes} classes.");
        }

        Labels = labels;
        Classifier = classifier;
        OtherIndex = Array.IndexOf(labels, RoutingTrainingOptions.OtherLabel);
        var index = new Dictionary<string, int>(labels.Length, StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
        {
            index[labels[i]] = i;
        }

        Index = index;
    }

    public string[] Labels { get; }

    public LinearClassifier Classifier { get; }

    /// <summary>The class of rare labels, or -1 when every training label was common enough.</summary>
    public int OtherIndex { get; }

    public IReadOnlyDictionary<string, int> Index { get; }

    public int Classes => Labels.Length;

    public TaskModel WithTemperature(float temperature) => new(Labels, Classifier.WithTemperature(temperature));
}
