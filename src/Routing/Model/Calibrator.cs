namespace Lapor.Hub.Routing.Model;

/// <summary>
/// Fits the confidence calibration on a held-back slice, all by log-loss:
/// <list type="number">
/// <item>a softmax temperature for each trainer's scores (temperature scaling, Guo et al. 2017: one parameter,
/// it cannot overfit and never changes a member's ranking), so members with different score scales (SVM margins,
/// perceptron sums, log-odds) are put on one scale before they are pooled;</item>
/// <item>a temperature for the pooled scores;</item>
/// <item>the strength λ of the category–agency coupling (a grid from 0 to 2; the sum of both tasks' log-loss).</item>
/// </list>
/// </summary>
internal static class Calibrator
{
    private static readonly float[] CouplingGrid = Enumerable.Range(0, 17).Select(i => i * 0.125f).ToArray();

    public static CalibrationInfo Fit(
        RoutingTrainer.TrainedTasks draft,
        IReadOnlyList<RoutingExample> examples,
        IReadOnlyList<List<string>> tokens,
        int[] held,
        RoutingTrainingOptions options,
        string slice)
    {
        var members = options.Trainers.Count;
        var categoryLogits = new float[members][][];
        var agencyLogits = new float[members][][];
        for (var k = 0; k < members; k++)
        {
            categoryLogits[k] = new float[held.Length][];
            agencyLogits[k] = new float[held.Length][];
        }

        var categoryIndex = Index(draft.CategoryLabels);
        var agencyIndex = Index(draft.AgencyLabels);
        var categoryOther = Array.IndexOf(draft.CategoryLabels, RoutingTrainingOptions.OtherLabel);
        var agencyOther = Array.IndexOf(draft.AgencyLabels, RoutingTrainingOptions.OtherLabel);
        var categoryY = new int[held.Length];
        var agencyY = new int[held.Length];
        Parallel.For(0, held.Length, r =>
        {
            var e = examples[held[r]];
            var x = draft.Featurizer.Featurize(tokens[held[r]], e.RegionCode);
            for (var k = 0; k < members; k++)
            {
                categoryLogits[k][r] = new float[draft.CategoryLabels.Length];
                agencyLogits[k][r] = new float[draft.AgencyLabels.Length];
                draft.CategoryMembers[k].Logits(x, categoryLogits[k][r]);
                draft.AgencyMembers[k].Logits(x, agencyLogits[k][r]);
            }

            categoryY[r] = categoryIndex.GetValueOrDefault(e.Category, categoryOther);
            agencyY[r] = agencyIndex.GetValueOrDefault(draft.Regions.ToLabel(e.Agency, e.RegionCode), agencyOther);
        });

        var categoryMemberT = Enumerable.Range(0, members).Select(k => FitTemperature(categoryLogits[k], categoryY)).ToArray();
        var agencyMemberT = Enumerable.Range(0, members).Select(k => FitTemperature(agencyLogits[k], agencyY)).ToArray();
        var categoryPooled = PoolLogits(categoryLogits, categoryMemberT);
        var agencyPooled = PoolLogits(agencyLogits, agencyMemberT);
        var categoryT = members == 1 ? categoryMemberT[0] : FitTemperature(categoryPooled, categoryY);
        var agencyT = members == 1 ? agencyMemberT[0] : FitTemperature(agencyPooled, agencyY);
        if (members == 1)
        {
            categoryMemberT[0] = 1f;
            agencyMemberT[0] = 1f;
        }

        var categoryP = Softmax(categoryPooled, categoryT);
        var agencyP = Softmax(agencyPooled, agencyT);

        var strength = 0f;
        if (options.CoupleCategoryAndAgency)
        {
            var best = double.PositiveInfinity;
            foreach (var candidate in CouplingGrid)
            {
                var coupling = draft.Coupling.WithStrength(candidate);
                var loss = 0.0;
                for (var r = 0; r < held.Length; r++)
                {
                    var (c, a) = Coupled(coupling, categoryP[r], agencyP[r]);
                    loss -= categoryY[r] >= 0 ? Math.Log(Math.Max(c[categoryY[r]], 1e-9f)) : 0;
                    loss -= agencyY[r] >= 0 ? Math.Log(Math.Max(a[agencyY[r]], 1e-9f)) : 0;
                }

                if (loss < best - 1e-9)
                {
                    best = loss;
                    strength = candidate;
                }
            }
        }

        var final = draft.Coupling.WithStrength(strength);
        var categoryCorrect = 0;
        var agencyCorrect = 0;
        for (var r = 0; r < held.Length; r++)
        {
            var (c, a) = Coupled(final, categoryP[r], agencyP[r]);
            if (categoryY[r] >= 0 && categoryY[r] != categoryOther && ArgMax(c, categoryOther) == categoryY[r])
            {
                categoryCorrect++;
            }

            if (agencyY[r] >= 0 && agencyY[r] != agencyOther && ArgMax(a, agencyOther) == agencyY[r])
            {
                agencyCorrect++;
            }
        }

        return new CalibrationInfo(
            examples.Count - held.Length,
            held.Length,
            slice,
            categoryMemberT,
            agencyMemberT,
            categoryT,
            agencyT,
            strength,
            held.Length == 0 ? 0 : (double)categoryCorrect / held.Length,
            held.Length == 0 ? 0 : (double)agencyCorrect / held.Length);
    }

    private static Dictionary<string, int> Index(string[] labels) =>
        labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);

    private static (float[] Category, float[] Agency) Coupled(CategoryAgencyCoupling coupling, float[] category, float[] agency)
    {
        var c = (float[])category.Clone();
        var a = (float[])agency.Clone();
        coupling.Apply(c, a);
        return (c, a);
    }

    /// <summary>Σ over members of logits / (members · member temperature), as <see cref="RoutingTrainer.Pool"/> does with the weights.</summary>
    private static float[][] PoolLogits(float[][][] logits, float[] temperatures)
    {
        var members = logits.Length;
        var rows = logits[0].Length;
        var pooled = new float[rows][];
        for (var r = 0; r < rows; r++)
        {
            pooled[r] = new float[logits[0][r].Length];
            for (var k = 0; k < members; k++)
            {
                var scale = 1f / (members * temperatures[k]);
                for (var c = 0; c < pooled[r].Length; c++)
                {
                    pooled[r][c] += logits[k][r][c] * scale;
                }
            }
        }

        return pooled;
    }

    private static int ArgMax(float[] p, int skip)
    {
        var best = -1;
        for (var i = 0; i < p.Length; i++)
        {
            if (i != skip && (best < 0 || p[i] > p[best]))
            {
                best = i;
            }
        }

        return best;
    }

    private static float[][] Softmax(float[][] logits, float temperature) =>
        logits.Select(l =>
        {
            var p = (float[])l.Clone();
            LinearClassifier.Softmax(p, temperature);
            return p;
        }).ToArray();

    /// <summary>
    /// The temperature minimising the log-loss (golden-section search on log T in [0.01, 100]). The bounds keep a
    /// slice the draft model gets all right from making the model absurdly sure of itself.
    /// </summary>
    internal static float FitTemperature(float[][] logits, int[] y)
    {
        if (!y.Any(c => c >= 0))
        {
            return 1f;
        }

        double Loss(double logT)
        {
            var t = Math.Exp(logT);
            var total = 0.0;
            for (var k = 0; k < logits.Length; k++)
            {
                if (y[k] < 0)
                {
                    continue;
                }

                var l = logits[k];
                var max = l.Max();
                var sum = 0.0;
                foreach (var v in l)
                {
                    sum += Math.Exp((v - max) / t);
                }

                total -= ((l[y[k]] - max) / t) - Math.Log(sum);
            }

            return total;
        }

        var a = Math.Log(0.01);
        var b = Math.Log(100);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var c1 = b - (ratio * (b - a));
        var c2 = a + (ratio * (b - a));
        var f1 = Loss(c1);
        var f2 = Loss(c2);
        for (var i = 0; i < 80 && b - a > 1e-4; i++)
        {
            if (f1 < f2)
            {
                b = c2;
                c2 = c1;
                f2 = f1;
                c1 = b - (ratio * (b - a));
                f1 = Loss(c1);
            }
            else
            {
                a = c1;
                c1 = c2;
                f1 = f2;
                c2 = a + (ratio * (b - a));
                f2 = Loss(c2);
            }
        }

        return (float)Math.Exp((a + b) / 2);
    }
}
