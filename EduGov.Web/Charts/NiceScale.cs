namespace EduGov.Web.Charts;

/// <summary>A value axis from zero to <see cref="Max"/> in steps of 1, 2, 2.5 or 5 × 10ⁿ.</summary>
public sealed record NiceScale(decimal Max, decimal Step)
{
    public IReadOnlyList<decimal> Ticks => Enumerable.Range(0, (int)(Max / Step) + 1).Select(i => i * Step).ToList();

    /// <summary>Where a value lies between 0 and 1 along the axis (below zero at 0, beyond the top at 1).</summary>
    public double Fraction(decimal value) => (double)Math.Clamp(value / Max, 0, 1);

    /// <summary>
    /// The scale for values up to <paramref name="largest"/> with about <paramref name="ticks"/> steps. Percentages run to 100
    /// whenever they fit in it (shares read against the whole); whole numbers (counts) never get a fractional step.
    /// </summary>
    public static NiceScale For(decimal largest, bool percent = false, bool wholeNumbers = false, int ticks = 5)
    {
        if (percent && largest <= 100) return new NiceScale(100, 20);
        if (largest <= 0) return new NiceScale(wholeNumbers ? 5 : 1, wholeNumbers ? 1 : 0.2m);
        var raw = (double)largest / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (decimal)(new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw * 0.999999));
        if (wholeNumbers) step = Math.Max(1, Math.Ceiling(step));
        return new NiceScale(Math.Ceiling(largest / step) * step, step);
    }
}
