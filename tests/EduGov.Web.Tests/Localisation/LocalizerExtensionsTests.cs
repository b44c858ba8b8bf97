using System.Globalization;
using EduGov.Web.Charts;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EduGov.Web.Tests.Localisation;

/// <summary>Amounts, units and period names read in the page's language: data written in Chinese is not left in an English page.</summary>
public sealed class LocalizerExtensionsTests
{
    private static readonly IStringLocalizer L = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    [Theory]
    [InlineData("zh-CN", 12, "台", "12台")]
    [InlineData("zh-CN", 47.25, "%", "47.3%")]
    [InlineData("zh-CN", 3, "个", "3个")]
    [InlineData("zh-CN", 100, "Mbps", "100 Mbps")]
    [InlineData("en-US", 12, "台", "12 devices")]
    [InlineData("en-US", 47.25, "%", "47.3%")]
    [InlineData("en-US", 3, "个", "3")]
    [InlineData("en-US", 100, "Mbps", "100 Mbps")]
    [InlineData("en-US", 5, "", "5")]
    public void Amount_WritesTheUnitAsThePagesLanguageDoes(string culture, double value, string unit, string expected) =>
        In(culture, () => L.Amount((decimal)value, unit)).ShouldBe(expected);

    [Fact]
    public void Amount_WithoutAValue_IsADash() => In("en-US", () => L.Amount(null, "台")).ShouldBe("—");

    [Theory]
    [InlineData("zh-CN", -3.14, "%", "3.1 个百分点")]
    [InlineData("en-US", -3.14, "%", "3.1 points")]
    [InlineData("en-US", 2, "课时", "2 class hours")]
    public void Difference_IsTheSizeOfTheChange(string culture, double value, string unit, string expected) =>
        In(culture, () => L.Difference((decimal)value, unit)).ShouldBe(expected);

    [Fact]
    public void AnUnknownUnit_IsShownAsWritten() => In("en-US", () => L.Amount(4, "架次")).ShouldBe("4 架次");

    [Theory]
    [InlineData("zh-CN", "2026年度", "2026年度")]
    [InlineData("en-US", "2026年度", "2026")]
    [InlineData("en-US", "2026年春季学期", "2026年春季学期")]
    public void ThePeriodsDefaultName_IsTheYearInEnglish(string culture, string name, string expected) =>
        In(culture, () => L.Period(name)).ShouldBe(expected);

    [Theory]
    [InlineData("zh-CN", "2030年度目标（2030）", "覆盖率（%）")]
    [InlineData("en-US", "2030年度目标 (2030)", "覆盖率 (%)")]
    public void AnAside_IsBracketedAsThePagesLanguageDoes(string culture, string aside, string axis)
    {
        In(culture, () => "2030年度目标" + L.Aside(2030)).ShouldBe(aside);
        In(culture, () => ChartText.AxisTitle("覆盖率", "%", ChartWords.From(L))).ShouldBe(axis);
    }

    private static string In(string culture, Func<string> text)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try { return text(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats); }
    }
}
