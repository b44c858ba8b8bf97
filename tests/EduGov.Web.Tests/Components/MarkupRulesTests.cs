using System.Text.RegularExpressions;

namespace EduGov.Web.Tests.Components;

/// <summary>Rules every page's markup keeps, checked on the sources so a new page cannot forget them.</summary>
public sealed partial class MarkupRulesTests
{
    private static readonly string WebProject = FindWebProject();

    /// <summary>Each occurrence of a component's opening tag, with the file and line it is on.</summary>
    private static IEnumerable<(string File, int Line, string Tag)> Tags(string component) =>
        Directory.EnumerateFiles(WebProject, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f =>
            {
                var text = File.ReadAllText(f);
                return Regex.Matches(text, $@"<{component}\b.*?/>", RegexOptions.Singleline)
                    .Select(m => (Path.GetRelativePath(WebProject, f), text[..m.Index].Count(c => c == '\n') + 1, m.Value));
            });

    [Fact]
    public void EveryDatePicker_ClosesOnPick_AndShowsTheDateAsYearMonthDay()
    {
        var pickers = Tags("MudDatePicker").Concat(Tags("MudDateRangePicker")).ToList();

        pickers.Count.ShouldBeGreaterThan(15);
        pickers.Where(p => !p.Tag.Contains("AutoClose=\"true\"") || !p.Tag.Contains("TitleDateFormat=\"yyyy-MM-dd\"")
                           || !p.Tag.Contains(" DateFormat=\"yyyy-MM-dd\""))
            .Select(p => $"{p.File}:{p.Line}").ShouldBeEmpty();
    }

    [Fact]
    public void EveryIconButton_HasAnAriaLabelInThePagesLanguage_AndATooltip()
    {
        var buttons = Directory.EnumerateFiles(WebProject, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f =>
            {
                var text = File.ReadAllText(f);
                return Regex.Matches(text, @"<MudIconButton\b.*?/>", RegexOptions.Singleline).Select(m =>
                {
                    var before = text[..m.Index];
                    var inTooltip = before.LastIndexOf("<MudTooltip", StringComparison.Ordinal) > before.LastIndexOf("</MudTooltip>", StringComparison.Ordinal);
                    return (Where: $"{Path.GetRelativePath(WebProject, f)}:{before.Count(c => c == '\n') + 1}", Tag: m.Value, InTooltip: inTooltip);
                });
            }).ToList();

        buttons.Count.ShouldBeGreaterThan(25);
        // Localised: the label is an expression (L["Common.Edit"]), never English typed into the markup.
        buttons.Where(b => !Regex.IsMatch(b.Tag, @"aria-label=""@")).Select(b => b.Where).ShouldBeEmpty();
        buttons.Where(b => !b.InTooltip && !b.Tag.Contains("title=\"@")).Select(b => b.Where).ShouldBeEmpty();
    }

    /// <summary>A progress bar is read out by its name: "正在加载", or what it measures.</summary>
    [Fact]
    public void EveryProgressBar_HasAName()
    {
        var bars = Directory.EnumerateFiles(WebProject, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"<MudProgress(?:Linear|Circular)\b.*?/>", RegexOptions.Singleline)
                .Select(m => (File: Path.GetRelativePath(WebProject, f), Tag: m.Value))).ToList();
        bars.Count.ShouldBeGreaterThan(20);
        bars.Where(b => !Regex.IsMatch(b.Tag, @"aria-label=""@")).Select(b => $"{b.File}: {b.Tag}").ShouldBeEmpty();
    }

    [Fact]
    public void CodesAndCronExpressions_NeverWrap()
    {
        var css = File.ReadAllText(Path.Combine(WebProject, "wwwroot", "app.css"));
        Regex.IsMatch(css, @"\.code, \.code-chip, \.cron-raw \{[^}]*white-space: nowrap").ShouldBeTrue();
    }

    private static string FindWebProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EduGov.sln"))) return Path.Combine(dir.FullName, "EduGov.Web");
        throw new DirectoryNotFoundException("EduGov.sln not found above the test output.");
    }
}
