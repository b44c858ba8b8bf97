using System.Text.RegularExpressions;

namespace EduGov.E2E;

/// <summary>What an operator reads while people work: an open page is a circuit, counted in the metrics.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class MonitoringJourneyTests(PortalServer portal)
{
    [Fact]
    public async Task Metrics_WhileAPageIsOpen_CountItsCircuit()
    {
        var page = await portal.SignInAsync("admin");

        var metrics = await (await page.Context.APIRequest.GetAsync($"{portal.BaseUrl}/metrics")).TextAsync();

        var active = ActiveCircuits().Match(metrics);
        active.Success.ShouldBeTrue(metrics);
        double.Parse(active.Groups[1].Value).ShouldBeGreaterThanOrEqualTo(1);
    }

    [GeneratedRegex(@"^aspnetcore_components_circuit_active(?:_circuits)?(?:\{[^}]*\})? (\S+)", RegexOptions.Multiline)]
    private static partial Regex ActiveCircuits();
}
