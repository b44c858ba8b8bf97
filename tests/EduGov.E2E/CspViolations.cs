using System.Collections.Concurrent;
using System.Reflection;
using Xunit.Sdk;

namespace EduGov.E2E;

/// <summary>
/// What Chromium refused under the portal's Content-Security-Policy, from its console ("Refused to load the script …
/// because it violates the following Content Security Policy directive …"), and any error it found in the
/// Permissions-Policy header. A journey that saw any fails, so a page that breaks the policy is caught even when the
/// journey's own assertions pass.
/// </summary>
public static class CspViolations
{
    private static readonly ConcurrentQueue<string> Seen = new();

    public static void Record(string url, string text)
    {
        if (text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Refused to", StringComparison.Ordinal)
            || text.Contains("Permissions-Policy", StringComparison.Ordinal))
            Seen.Enqueue($"{url}: {text}");
    }

    /// <summary>What was seen so far, no longer counted against the journey (for the journey that provokes a refusal on purpose).</summary>
    public static List<string> Take()
    {
        var taken = new List<string>();
        while (Seen.TryDequeue(out var violation)) taken.Add(violation);
        return taken;
    }

    /// <summary>On the collection: the journeys run one at a time, so what was seen between Before and After is this journey's.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class FailTheJourneyAttribute : BeforeAfterTestAttribute
    {
        public override void Before(MethodInfo methodUnderTest) => Seen.Clear();

        public override void After(MethodInfo methodUnderTest)
        {
            if (!Seen.IsEmpty)
                throw new XunitException($"The browser refused under the Content-Security-Policy (or found the Permissions-Policy wrong):\n{string.Join("\n", Seen.Distinct())}");
        }
    }
}
