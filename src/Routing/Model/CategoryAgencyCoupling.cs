namespace Lapor.Hub.Routing.Model;

/// <summary>
/// Joint decoding of category and agency. A category nearly fixes its agency (in the Surabaya data the most
/// common agency of a topic is right for 89% of reports), so the two predictions should agree:
/// P(c, a | x) ∝ P(c | x) · P(a | x) · (P(a | c) / P(a))^λ, and each task is suggested from its marginal.
/// P(a | c) is counted on the training set and smoothed towards P(a) with one pseudo-count; λ = 0 leaves the two
/// predictions independent. Immutable; <see cref="Apply"/> costs two category × agency matrix-vector products.
/// </summary>
internal sealed class CategoryAgencyCoupling
{
    private readonly float[] _compatibility;

    public CategoryAgencyCoupling(int categories, int agencies, float[] agencyGivenCategory, float[] agencyPrior, float strength)
    {
        if (agencyGivenCategory.Length != categories * agencies || agencyPrior.Length != agencies)
        {
            throw new InvalidDataException($"a coupling of {categories} categories × {agencies} agencies needs {categories * agencies} + {agencies} values, found {agencyGivenCategory.Length} + {agencyPrior.Length}.");
        }

        Categories = categories;
        Agencies = agencies;
        AgencyGivenCategory = agencyGivenCategory;
        AgencyPrior = agencyPrior;
        Strength = strength;
        _compatibility = new float[agencyGivenCategory.Length];
        for (var c = 0; c < categories; c++)
        {
            for (var a = 0; a < agencies; a++)
            {
                var i = (c * agencies) + a;
                _compatibility[i] = (float)Math.Pow(agencyGivenCategory[i] / agencyPrior[a], strength);
            }
        }
    }

    public int Categories { get; }

    public int Agencies { get; }

    /// <summary>P(agency | category), category-major.</summary>
    public float[] AgencyGivenCategory { get; }

    /// <summary>P(agency) on the training set.</summary>
    public float[] AgencyPrior { get; }

    /// <summary>λ.</summary>
    public float Strength { get; }

    public CategoryAgencyCoupling WithStrength(float strength) => new(Categories, Agencies, AgencyGivenCategory, AgencyPrior, strength);

    /// <summary>Counts P(agency | category) and P(agency) from the training rows' classes.</summary>
    public static CategoryAgencyCoupling FromCounts(int[] categoryY, int categories, int[] agencyY, int agencies, float strength)
    {
        var counts = new double[categories * agencies];
        var categoryTotals = new double[categories];
        var agencyTotals = new double[agencies];
        for (var i = 0; i < categoryY.Length; i++)
        {
            counts[(categoryY[i] * agencies) + agencyY[i]]++;
            categoryTotals[categoryY[i]]++;
            agencyTotals[agencyY[i]]++;
        }

        var prior = new float[agencies];
        for (var a = 0; a < agencies; a++)
        {
            prior[a] = (float)((agencyTotals[a] + 1) / (categoryY.Length + agencies));
        }

        const double pseudo = 1.0;
        var table = new float[counts.Length];
        for (var c = 0; c < categories; c++)
        {
            for (var a = 0; a < agencies; a++)
            {
                table[(c * agencies) + a] = (float)((counts[(c * agencies) + a] + (pseudo * prior[a])) / (categoryTotals[c] + pseudo));
            }
        }

        return new CategoryAgencyCoupling(categories, agencies, table, prior, strength);
    }

    /// <summary>Replaces the two independent distributions by the marginals of the coupled joint distribution.</summary>
    public void Apply(Span<float> category, Span<float> agency)
    {
        if (Strength == 0f)
        {
            return;
        }

        Span<float> byCategory = category.Length <= 512 ? stackalloc float[category.Length] : new float[category.Length];
        Span<float> byAgency = agency.Length <= 512 ? stackalloc float[agency.Length] : new float[agency.Length];
        byAgency.Clear();
        var total = 0f;
        for (var c = 0; c < Categories; c++)
        {
            var pc = category[c];
            var row = _compatibility.AsSpan(c * Agencies, Agencies);
            var q = 0f;
            for (var a = 0; a < Agencies; a++)
            {
                var w = row[a] * agency[a];
                q += w;
                byAgency[a] += pc * row[a];
            }

            byCategory[c] = pc * q;
            total += pc * q;
        }

        if (!(total > 0f) || float.IsInfinity(total))
        {
            return;
        }

        for (var c = 0; c < Categories; c++)
        {
            category[c] = byCategory[c] / total;
        }

        for (var a = 0; a < Agencies; a++)
        {
            agency[a] = agency[a] * byAgency[a] / total;
        }
    }
}
