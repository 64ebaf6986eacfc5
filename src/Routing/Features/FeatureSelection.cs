namespace Lapor.Hub.Routing.Features;

/// <summary>
/// Chi-square feature selection: ranks each feature by how strongly its presence in a report depends on the
/// report's class (the largest 2×2 chi-square statistic over the classes of either task) and keeps the best.
/// Most character n-grams ("<me", "an>") occur everywhere and say nothing about the class; dropping them
/// shrinks every vector, and training time grows with the non-zero entries.
/// </summary>
internal static class FeatureSelection
{
    /// <summary>The indices (ascending) of the <paramref name="keep"/> features with the highest score; region features are always kept.</summary>
    public static int[] Select(TextFeaturizer featurizer, IReadOnlyList<SparseVector> rows, IReadOnlyList<int[]> tasks, int keep)
    {
        var dimension = featurizer.Dimension;
        if (keep >= dimension)
        {
            return Enumerable.Range(0, dimension).ToArray();
        }

        var scores = new double[dimension];
        foreach (var y in tasks)
        {
            var taskScores = ChiSquare(rows, y, dimension);
            for (var f = 0; f < dimension; f++)
            {
                scores[f] = Math.Max(scores[f], taskScores[f]);
            }
        }

        for (var f = 0; f < dimension; f++)
        {
            if (featurizer.IsRegionFeature(f))
            {
                scores[f] = double.PositiveInfinity;
            }
        }

        // Ties (common among features seen in a handful of reports) are broken by index, so selection is deterministic.
        var order = Enumerable.Range(0, dimension).OrderByDescending(f => scores[f]).ThenBy(f => f).Take(keep).ToArray();
        Array.Sort(order);
        return order;
    }

    /// <summary>
    /// Per feature, the largest chi-square statistic of "feature present" against "row is of class c", over the classes
    /// the feature occurs in (a feature is worth keeping for what its presence says; rows of class −1 only count in the totals).
    /// </summary>
    internal static double[] ChiSquare(IReadOnlyList<SparseVector> rows, int[] y, int dimension)
    {
        var n = rows.Count;
        var documentFrequency = new int[dimension];
        foreach (var x in rows)
        {
            foreach (var f in x.Indices)
            {
                documentFrequency[f]++;
            }
        }

        var best = new double[dimension];
        var inClass = new int[dimension];
        var touched = new List<int>();
        foreach (var group in Enumerable.Range(0, n).Where(i => y[i] >= 0).GroupBy(i => y[i]))
        {
            var classSize = 0;
            foreach (var i in group)
            {
                classSize++;
                foreach (var f in rows[i].Indices)
                {
                    if (inClass[f]++ == 0)
                    {
                        touched.Add(f);
                    }
                }
            }

            foreach (var f in touched)
            {
                // 2×2 table: a = in class with f, b = other classes with f, c = in class without f, d = the rest.
                double a = inClass[f];
                double b = documentFrequency[f] - a;
                double c = classSize - a;
                double d = n - a - b - c;
                var denominator = (a + c) * (b + d) * (a + b) * (c + d);
                if (denominator > 0)
                {
                    var difference = (a * d) - (b * c);
                    best[f] = Math.Max(best[f], n * difference * difference / denominator);
                }

                inClass[f] = 0;
            }

            touched.Clear();
        }

        return best;
    }
}
