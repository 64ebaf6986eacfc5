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

    /// <summary>Each member's raw scores (logits) on held-out rows, and the rows' true classes (-1: not in the label space).</summary>
    internal sealed record Scores(float[][][] Category, float[][][] Agency, int[] CategoryY, int[] AgencyY, int CategoryOther, int AgencyOther)
    {
        public int Rows => CategoryY.Length;

        /// <summary>Per row, the nearest training reports of the draft's retrieval member (most similar first): their similarities and classes; null when off.</summary>
        public Neighbour[][]? Neighbours { get; init; }

        public static Scores Concat(IReadOnlyList<Scores> parts) => new(
            Enumerable.Range(0, parts[0].Category.Length).Select(k => parts.SelectMany(p => p.Category[k]).ToArray()).ToArray(),
            Enumerable.Range(0, parts[0].Agency.Length).Select(k => parts.SelectMany(p => p.Agency[k]).ToArray()).ToArray(),
            parts.SelectMany(p => p.CategoryY).ToArray(),
            parts.SelectMany(p => p.AgencyY).ToArray(),
            parts[0].CategoryOther,
            parts[0].AgencyOther)
        {
            Neighbours = parts.All(p => p.Neighbours is not null) ? parts.SelectMany(p => p.Neighbours!).ToArray() : null,
        };
    }

    /// <summary>One neighbour of a held-out row: its similarity and its classes.</summary>
    internal readonly record struct Neighbour(float Similarity, int Category, int Agency);

    private static readonly int[] NeighbourCountGrid = [5, 10, 20, 40];
    private static readonly float[] NeighbourWeightGrid = Enumerable.Range(0, 10).Select(i => i * 0.1f).ToArray();

    /// <summary>The draft model's member scores on the held-out <paramref name="rows"/>.</summary>
    public static Scores Collect(
        RoutingTrainer.TrainedTasks draft,
        IReadOnlyList<RoutingExample> examples,
        IReadOnlyList<List<string>> tokens,
        int[] rows,
        RoutingTrainer.LabelSpace labels)
    {
        var members = draft.CategoryMembers.Length;
        var category = Enumerable.Range(0, members).Select(_ => new float[rows.Length][]).ToArray();
        var agency = Enumerable.Range(0, members).Select(_ => new float[rows.Length][]).ToArray();
        var neighbours = draft.Neighbours is null ? null : new Neighbour[rows.Length][];
        Parallel.For(0, rows.Length, r =>
        {
            var x = draft.Featurizer.Featurize(tokens[rows[r]], examples[rows[r]].RegionCode);
            if (draft.Neighbours is { } index)
            {
                var documents = new int[NearestNeighbours.MaxNeighbours];
                var similarities = new float[NearestNeighbours.MaxNeighbours];
                var found = index.Search(x, documents.Length, documents, similarities);
                neighbours![r] = Enumerable.Range(0, found).Select(i => new Neighbour(similarities[i], index.CategoryY[documents[i]], index.AgencyY[documents[i]])).ToArray();
            }

            for (var k = 0; k < members; k++)
            {
                category[k][r] = new float[draft.CategoryLabels.Length];
                agency[k][r] = new float[draft.AgencyLabels.Length];
                draft.CategoryMembers[k].Logits(x, category[k][r]);
                draft.AgencyMembers[k].Logits(x, agency[k][r]);
            }
        });

        return new Scores(
            category,
            agency,
            rows.Select(i => labels.CategoryY[i]).ToArray(),
            rows.Select(i => labels.AgencyY[i]).ToArray(),
            Array.IndexOf(labels.CategoryLabels, RoutingTrainingOptions.OtherLabel),
            Array.IndexOf(labels.AgencyLabels, RoutingTrainingOptions.OtherLabel))
        {
            Neighbours = neighbours,
        };
    }

    public static CalibrationInfo Fit(Scores scores, CategoryAgencyCoupling coupling, RoutingTrainingOptions options, string slice, int fitRows)
    {
        var members = scores.Category.Length;
        var categoryY = scores.CategoryY;
        var agencyY = scores.AgencyY;
        var categoryMemberT = Enumerable.Range(0, members).Select(k => FitTemperature(scores.Category[k], categoryY)).ToArray();
        var agencyMemberT = Enumerable.Range(0, members).Select(k => FitTemperature(scores.Agency[k], agencyY)).ToArray();
        var categoryPooled = PoolLogits(scores.Category, categoryMemberT);
        var agencyPooled = PoolLogits(scores.Agency, agencyMemberT);
        var categoryT = members == 1 ? categoryMemberT[0] : FitTemperature(categoryPooled, categoryY);
        var agencyT = members == 1 ? agencyMemberT[0] : FitTemperature(agencyPooled, agencyY);
        if (members == 1)
        {
            categoryMemberT[0] = 1f;
            agencyMemberT[0] = 1f;
            categoryPooled = scores.Category[0];
            agencyPooled = scores.Agency[0];
        }

        var categoryP = Softmax(categoryPooled, categoryT);
        var agencyP = Softmax(agencyPooled, agencyT);

        var strength = 0f;
        if (options.CoupleCategoryAndAgency)
        {
            var best = double.PositiveInfinity;
            foreach (var candidate in CouplingGrid)
            {
                var coupled = coupling.WithStrength(candidate);
                var loss = 0.0;
                for (var r = 0; r < scores.Rows; r++)
                {
                    var (c, a) = Coupled(coupled, categoryP[r], agencyP[r]);
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

        var final = coupling.WithStrength(strength);
        var (neighbourCount, categoryBeta, agencyBeta) = (0, 0f, 0f);
        if (options.NearestNeighbours && scores.Neighbours is { } neighbours)
        {
            // Blended before the coupling, as RoutingModel does. First k and the category's β (agency unblended), then
            // the agency's β: the two tasks gain from the neighbours differently (the agency, nearly fixed by the topic's
            // family, less). Chosen by what the suggestions are judged by: top-1 plus top-3 hits on the slice (log-loss
            // breaks ties; it alone picked β too large for the agency's top-1). β = 0 is a candidate: the member is
            // switched off when it does not help on the slice.
            double Loss(int k, float betaC, float betaA, bool category)
            {
                var losses = new double[scores.Rows];
                Parallel.For(0, scores.Rows, r =>
                {
                    var (c, a) = Blended(final, categoryP[r], agencyP[r], neighbours[r], k, betaC, betaA);
                    var (p, y, other) = category ? (c, categoryY[r], scores.CategoryOther) : (a, agencyY[r], scores.AgencyOther);
                    if (y < 0)
                    {
                        return;
                    }

                    var rank = 0;
                    for (var i = 0; i < p.Length; i++)
                    {
                        if (i != other && i != y && p[i] > p[y])
                        {
                            rank++;
                        }
                    }

                    var hits = y == other ? 0 : (rank == 0 ? 1 : 0) + (rank < 3 ? 1 : 0);
                    losses[r] = -hits - (1e-3 * Math.Log(Math.Max(p[y], 1e-9f)));
                });
                return losses.Sum();
            }

            var best = double.PositiveInfinity;
            foreach (var k in NeighbourCountGrid.Where(k => k <= NearestNeighbours.MaxNeighbours))
            {
                foreach (var beta in NeighbourWeightGrid)
                {
                    var loss = Loss(k, beta, 0f, category: true);
                    if (loss < best - 1e-9)
                    {
                        best = loss;
                        (neighbourCount, categoryBeta) = (k, beta);
                    }
                }
            }

            best = double.PositiveInfinity;
            foreach (var beta in NeighbourWeightGrid)
            {
                var loss = Loss(neighbourCount, categoryBeta, beta, category: false);
                if (loss < best - 1e-9)
                {
                    best = loss;
                    agencyBeta = beta;
                }
            }
        }

        var categoryCorrect = 0;
        var agencyCorrect = 0;
        for (var r = 0; r < scores.Rows; r++)
        {
            var (c, a) = scores.Neighbours is { } n
                ? Blended(final, categoryP[r], agencyP[r], n[r], neighbourCount, categoryBeta, agencyBeta)
                : Coupled(final, categoryP[r], agencyP[r]);
            if (categoryY[r] >= 0 && categoryY[r] != scores.CategoryOther && ArgMax(c, scores.CategoryOther) == categoryY[r])
            {
                categoryCorrect++;
            }

            if (agencyY[r] >= 0 && agencyY[r] != scores.AgencyOther && ArgMax(a, scores.AgencyOther) == agencyY[r])
            {
                agencyCorrect++;
            }
        }

        return new CalibrationInfo(
            fitRows,
            scores.Rows,
            slice,
            categoryMemberT,
            agencyMemberT,
            categoryT,
            agencyT,
            strength,
            scores.Rows == 0 ? 0 : (double)categoryCorrect / scores.Rows,
            scores.Rows == 0 ? 0 : (double)agencyCorrect / scores.Rows)
        {
            NeighbourCount = options.NearestNeighbours ? Math.Max(neighbourCount, 1) : 0,
            CategoryNeighbourWeight = options.NearestNeighbours ? categoryBeta : 0f,
            AgencyNeighbourWeight = options.NearestNeighbours ? agencyBeta : 0f,
        };
    }

    /// <summary>The calibrated probabilities blended with the first <paramref name="k"/> neighbours' vote (weights β), then coupled.</summary>
    private static (float[] Category, float[] Agency) Blended(CategoryAgencyCoupling coupling, float[] category, float[] agency, Neighbour[] neighbours, int k, float categoryBeta, float agencyBeta)
    {
        var c = (float[])category.Clone();
        var a = (float[])agency.Clone();
        if (k > 0)
        {
            var n = Math.Min(k, neighbours.Length);
            var documents = Enumerable.Range(0, n).ToArray();
            var similarities = neighbours.Take(n).Select(x => x.Similarity).ToArray();
            NearestNeighbours.Mix(documents, similarities, neighbours.Take(n).Select(x => x.Category).ToArray(), categoryBeta, c);
            NearestNeighbours.Mix(documents, similarities, neighbours.Take(n).Select(x => x.Agency).ToArray(), agencyBeta, a);
        }

        coupling.Apply(c, a);
        return (c, a);
    }

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
