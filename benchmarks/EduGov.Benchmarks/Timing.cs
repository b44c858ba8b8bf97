using System.Diagnostics;

/// <summary>Times the cases of a benchmark against the budget of lists and dashboards: server time p95 ≤ 150 ms.</summary>
internal static class Timing
{
    public const double BudgetMs = 150;

    public static void Header(int width) => Console.WriteLine($"{"case".PadRight(width)} {"p50 ms",8} {"p95 ms",8} {"max ms",8}  budget p95 ≤ {BudgetMs} ms");

    /// <summary>Runs the case a few times to warm up, then <paramref name="iterations"/> times; true when it is over a budget it has.</summary>
    public static async Task<bool> CaseAsync(string name, Func<Task> run, int iterations, int width, bool budgeted = true)
    {
        for (var i = 0; i < 3; i++) await run();
        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var p95 = times[(int)Math.Ceiling(0.95 * times.Count) - 1];
        var over = budgeted && p95 > BudgetMs;
        Console.WriteLine($"{name.PadRight(width)} {times[times.Count / 2],8:F1} {p95,8:F1} {times[^1],8:F1}  {(!budgeted ? "—" : over ? "OVER" : "ok")}");
        return over;
    }
}
