namespace Dashboard.Operations.Prometheus;

/// <summary>
/// Prometheus's histogram_quantile() on cumulative bucket counts, so percentiles can be taken at every level of a
/// table (operation, tenant, provider) from one query: linear within the bucket the rank falls in, the lowest
/// bucket from 0, and a rank in the +Inf bucket answered with the highest finite bound.
/// </summary>
public static class HistogramQuantile
{
    /// <summary>Sums cumulative bucket counts by upper bound (the <c>le</c> label).</summary>
    public sealed class Buckets
    {
        private readonly SortedDictionary<double, double> _counts = [];

        public void Add(string le, double count)
        {
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
            _counts[bound] = (_counts.TryGetValue(bound, out var c) ? c : 0) + count;
        }

        public void Add(Buckets other)
        {
            foreach (var (bound, count) in other._counts) _counts[bound] = (_counts.TryGetValue(bound, out var c) ? c : 0) + count;
        }

        /// <summary>Calls counted (the +Inf bucket).</summary>
        public double Total => _counts.Count == 0 ? 0 : _counts.Last().Value;

        /// <summary>The <paramref name="q"/> quantile in the buckets' unit, or null with no observations.</summary>
        public double? Quantile(double q)
        {
            if (_counts.Count < 2 || Total <= 0 || double.IsNaN(Total)) return null;
            var bounds = _counts.ToList();
            var rank = q * Total;
            double lowerBound = 0, lowerCount = 0;
            for (var i = 0; i < bounds.Count; i++)
            {
                var (bound, count) = bounds[i];
                if (count >= rank)
                {
                    if (double.IsPositiveInfinity(bound)) return i > 0 ? bounds[i - 1].Key : null;
                    if (i == 0 && bound <= 0) return bound;
                    var inBucket = count - lowerCount;
                    return inBucket <= 0 ? bound : lowerBound + (bound - lowerBound) * ((rank - lowerCount) / inBucket);
                }
                lowerBound = bound;
                lowerCount = count;
            }
            return bounds[^1].Key;
        }
    }
}
