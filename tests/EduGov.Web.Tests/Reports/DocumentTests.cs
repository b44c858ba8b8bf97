using System.Net;
using System.Text.RegularExpressions;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Security;
using EduGov.Infrastructure.Supervision;
using EduGov.Web.Cli;
using EduGov.Web.Charts;
using EduGov.Web.Reports;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;

namespace EduGov.Web.Tests.Reports;

/// <summary>Documents printed by the system's Chromium, read back with PdfPig and checked against the database.</summary>
public sealed class DocumentTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly AccessScope Commission = new("commission", Role.Commission, "/500000/");
    private static readonly AccessScope District = new("district", Role.District, "/500000/500103/");
    private const int Year = 2026;

    private T Get<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    private async Task<int> UnitAsync(string code)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        return await db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    private async Task<byte[]> PdfAsync(IServiceScope scope, GeneratedDocument document)
    {
        var (_, content) = await Get<DocumentArchive>(scope).OpenAsync(Commission, document.Id);
        await using (content)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }

    /// <summary>The document's text without the spaces and line breaks the PDF puts between glyphs.</summary>
    private async Task<string> TextAsync(IServiceScope scope, GeneratedDocument document)
    {
        using var pdf = PdfDocument.Open(await PdfAsync(scope, document));
        return Regex.Replace(string.Concat(pdf.GetPages().Select(p => p.Text)), @"\s+", "");
    }

    [Fact]
    public async Task WhitePaper_CarriesTheCitysCounts_AndTheProgressPagesVerdicts()
    {
        using var scope = portal.Services.CreateScope();
        var city = await UnitAsync("500000");
        var document = await Get<IDocumentGenerator>(scope).WhitePaperAsync(Commission, city, Year, "commission");
        var text = await TextAsync(scope, document);

        await using var db = await Get<IDbContextFactory<EduGovDbContext>>(scope).CreateDbContextAsync();
        var schools = await db.OrgUnits.CountAsync(u => u.Kind == OrgUnitKind.School && u.Path.StartsWith("/500000/"));
        var plans = await db.Plans.Where(p => p.OrgUnitId == city).Select(p => p.Id).ToListAsync();
        var verdicts = new List<ProgressStatus>();
        foreach (var plan in plans) verdicts.AddRange((await Get<ProgressService>(scope).GetAsync(Commission, plan, "500000", Year)).Rows.Select(r => r.Status));

        text.ShouldContain("重庆市2026年教育信息化发展状况白皮书");
        text.ShouldContain($"辖38个区县、{schools:N0}所学校");
        text.ShouldContain($"达成{verdicts.Count(s => s == ProgressStatus.Achieved)}项，进展中{verdicts.Count(s => s == ProgressStatus.OnTrack)}项，" +
                           $"滞后{verdicts.Count(s => s == ProgressStatus.Lagging)}项");
        var pdf = await PdfAsync(scope, document);
        using (var read = PdfDocument.Open(pdf))
        {
            // The cover has no page foot; the pages are numbered from the contents.
            Regex.Replace(read.GetPage(1).Text, @"\s+", "").ShouldNotContain("页");
            Regex.Replace(read.GetPage(2).Text, @"\s+", "").ShouldContain($"第1页/共{read.NumberOfPages - 1}页");

            // Each printed value links to its sources on the progress page of its plan, for the paper's unit and year.
            var links = read.GetPages().SelectMany(p => p.GetHyperlinks()).Select(h => h.Uri).Where(u => u?.Contains("sources=") == true).ToList();
            links.Count(l => l.Contains("orgUnit=500000&")).ShouldBe(verdicts.Count(s => s != ProgressStatus.NoData));
            foreach (var link in links)
            {
                var match = Regex.Match(link, $@"^{Regex.Escape(PortalFactory.PublicUrl)}/plans/(\d+)/progress\?orgUnit=(\d+)&year={Year}&sources=(\d+)$");
                match.Success.ShouldBeTrue(link);
                var (plan, indicator) = (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[3].Value));
                (await db.Indicators.AnyAsync(i => i.Id == indicator && i.PlanId == plan)).ShouldBeTrue(link);
            }
        }
        var pages = DocumentGenerator.SectionPages(pdf, WhitePaperBody.Sections.Select(x => x.Title));
        foreach (var (title, page) in pages)
        {
            page.ShouldBeGreaterThan(2);                      // after the cover and the contents
            text.ShouldContain($"{title}{page - 1}");          // and the contents say so, numbered from the contents
        }
    }

    [Fact]
    public async Task SupervisionReport_AgreesWithTheFilingAndSecurityDashboards()
    {
        using var scope = portal.Services.CreateScope();
        var district = await UnitAsync("500103");
        var document = await Get<IDocumentGenerator>(scope).SupervisionReportAsync(Commission, district, Year, "inspector");
        var text = await TextAsync(scope, document);

        var period = (await Get<FilingService>(scope).PeriodsAsync(District)).Single(p => p.Year == Year);
        var filing = (await Get<FilingService>(scope).CompletenessAsync(District, period.Id, district)).Single();
        var security = (await Get<SecurityService>(scope).DashboardAsync(District, district)).Unit.Totals;

        text.ShouldContain($"应填报学校{filing.Schools}所，审核通过{filing.Approved}所，待审核{filing.Submitted}所");
        text.ShouldContain($"{security.FiledRate:0.#}%（{security.Filed}/{security.Level2Plus}）");
        text.ShouldContain($"{security.SurveillanceRate:0.#}%（{security.KeyAreasConnected}/{security.KeyAreas}）");
        text.ShouldContain("位次（共38个同级单位）");   // ranked among 重庆市's 38 districts
    }

    [Fact]
    public async Task SupervisionReport_PrintsTheInspectionsScore_AndTheOverdueItems_AsTheDatabaseHasThem()
    {
        using var scope = portal.Services.CreateScope();
        var district = await UnitAsync("500103");
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>(scope).CreateDbContextAsync();
        // The demo's latest inspection, this autumn's (those of 2024 and 2025 are closed).
        var inspection = await db.Inspections.AsNoTracking().Where(i => i.UnitId == district && i.Status == InspectionStatus.Recorded)
            .OrderByDescending(i => i.InspectedOn).FirstAsync();
        var year = inspection.InspectedOn!.Value.Year;
        var today = DateOnly.FromDateTime(DateTime.Now);
        var overdue = await (from r in db.RectificationItems
                             join i in db.Inspections on r.InspectionId equals i.Id
                             join u in db.OrgUnits on i.UnitId equals u.Id
                             where u.Path.StartsWith("/500000/500103/") && i.Status == InspectionStatus.Recorded && i.InspectedOn!.Value.Year == year
                                   && r.Status != RectificationStatus.Accepted && r.Deadline < today
                             select r.Id).CountAsync();

        var text = await TextAsync(scope, await Get<IDocumentGenerator>(scope).SupervisionReportAsync(Commission, district, year, "inspector"));

        overdue.ShouldBeGreaterThan(0);
        text.ShouldNotContain("本期无督导检查记录");
        text.ShouldContain($"{inspection.TotalScore:0.#}/{inspection.MaxScore:0.#}（{inspection.Percentage:0.#}%）");
        text.ShouldContain($"其中逾期{overdue}项");
        text.ShouldContain($"{DemoInspections.OverdueRequirement}渝中区");   // the item and its responsible unit, marked overdue
        text.ShouldContain("待整改（逾期）");
    }

    [Fact]
    public async Task SupervisionReport_PrintsTheUrgingCounts_AsTheDatabaseHasThem()
    {
        using var scope = portal.Services.CreateScope();
        var district = await UnitAsync("500103");
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>(scope).CreateDbContextAsync();
        var year = (await db.Urgings.SingleAsync(u => u.Requirement == DemoUrgings.DistrictFiling)).IssuedAtUtc.ToLocalTime().Year;
        var (start, end) = (new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Local).ToUniversalTime(), new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Local).ToUniversalTime());
        var today = DateOnly.FromDateTime(DateTime.Now);
        var urgings = await (from u in db.Urgings.Include(u => u.History)
                             join t in db.OrgUnits on u.TargetUnitId equals t.Id
                             where t.Path.StartsWith("/500000/500103/") && u.IssuedAtUtc >= start && u.IssuedAtUtc < end
                             select u).AsNoTracking().ToListAsync();

        var text = await TextAsync(scope, await Get<IDocumentGenerator>(scope).SupervisionReportAsync(Commission, district, year, "inspector"));

        urgings.Count.ShouldBeGreaterThan(0);
        var answered = urgings.Count(u => u.History.Any(h => h.Action == Domain.Urging.UrgingAction.Answered));
        var closed = urgings.Count(u => u.Status == Domain.Urging.UrgingStatus.Closed);
        var overdue = urgings.Count(u => u.WasOverdue || u.IsOverdue(today));
        var escalated = urgings.Count(u => u.EscalatedToUnitId != null);
        overdue.ShouldBeGreaterThan(0);
        escalated.ShouldBeGreaterThan(0);
        text.ShouldContain("七、督办");
        text.ShouldContain($"{year}年向本单位及所属学校发出督办{urgings.Count}件：已答复{answered}件，已办结{closed}件，逾期{overdue}件，升级{escalated}件，" +
                           $"尚未办结{urgings.Count - closed}件");
        text.ShouldContain("八、在全市各区县中的位置");
        // The outstanding ones, one line each: the school long overdue on its assessment, flagged in words.
        text.ShouldContain("等级测评");
        text.ShouldContain("待答复（逾期）（已升级）");
    }

    [Fact]
    public async Task MakingItAgain_AddsAVersion_ServedOnlyWithinScope()
    {
        using var scope = portal.Services.CreateScope();
        var district = await UnitAsync("500103");
        var first = await Get<IDocumentGenerator>(scope).SupervisionReportAsync(Commission, district, 2025, "inspector");
        var second = await Get<IDocumentGenerator>(scope).SupervisionReportAsync(Commission, district, 2025, "job:supervision");
        (first.Version + 1).ShouldBe(second.Version);
        first.StoredName.ShouldNotBe(second.StoredName);

        var asDistrict = await (await portal.SignedInAsync("district")).GetAsync($"/documents/{second.Id}.pdf");
        asDistrict.StatusCode.ShouldBe(HttpStatusCode.OK);
        asDistrict.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await asDistrict.Content.ReadAsByteArrayAsync()).Length.ShouldBe((int)second.Size);
        (await (await portal.SignedInAsync("principal")).GetAsync($"/documents/{second.Id}.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NoBrowser_IsAClearError_AndTheArchiveIsUnchanged()
    {
        using var scope = portal.Services.CreateScope();
        var options = Options.Create(new EduGovOptions { Browser = new BrowserOptions { ExecutablePath = "/nonexistent/chromium" } });
        await using var printer = new ChromiumPdfPrinter(options);
        var generator = new DocumentGenerator(scope.ServiceProvider, Get<ILoggerFactory>(scope), Get<DocumentData>(scope), Get<DocumentArchive>(scope), printer);
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>(scope).CreateDbContextAsync();
        var before = await db.GeneratedDocuments.CountAsync();

        var error = await Should.ThrowAsync<BrowserUnavailableException>(() => generator.WhitePaperAsync(Commission, db.OrgUnits.Single(u => u.Code == "500000").Id, Year, "job"));
        error.Message.ShouldContain("/nonexistent/chromium");
        (await db.GeneratedDocuments.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task WarmPages_CarryNothingFromOneDocumentToTheNext()
    {
        await using var printer = new ChromiumPdfPrinter(Options.Create(new EduGovOptions()));
        string[] Texts(byte[] pdf)
        {
            using var read = PdfDocument.Open(pdf);
            return read.GetPages().Select(p => p.Text).ToArray();
        }
        var page = "<!DOCTYPE html><html><head><title>t</title></head><body>{0}<div style=\"break-before:page\">second</div></body></html>";

        var footed = Texts(await printer.PrintAsync(string.Format(page, "first"), """渝中区 "一校一案" \ </style>"""));
        var bare = Texts(await printer.PrintAsync(string.Format(page, "again"), null));

        footed.Length.ShouldBe(2);
        footed[1].ShouldContain("""渝中区 "一校一案" \ </style> · 第 2 页 / 共 2 页""");
        bare.Length.ShouldBe(2);
        bare[0].ShouldContain("again");
        bare.ShouldAllBe(text => !text.Contains('页') && !text.Contains("first"));
    }

    [Theory]
    [InlineData("report", "annual", "--city", "重庆市", "--year", "2026", "--out", "x.pdf")]
    [InlineData("report", "whitepaper", "--city", "重庆市", "--out", "x.pdf")]
    [InlineData("report", "whitepaper", "--city", "重庆市", "--year", "1999", "--out", "x.pdf")]
    [InlineData("report", "whitepaper", "--city=重庆市", "--year=1999", "--out=x.pdf")]
    [InlineData("report", "whitepaper", "--city=重庆市", "--year")]
    [InlineData("report", "whitepaper", "--city", "渝中区", "--year", "2026", "--out", "x.pdf")]
    [InlineData("report", "supervision", "--district", "不存在区", "--period", "2026", "--out", "x.pdf")]
    [InlineData("report", "supervision", "--district", "渝中区", "--period", "2026", "--out", "x.pdf", "--colour", "red")]
    public async Task Cli_BadArguments_ExitNonZero_WritingNothing(params string[] args)
    {
        (await ReportCommand.RunAsync(portal.Services, args)).ShouldBe(2);
        File.Exists("x.pdf").ShouldBeFalse();
    }

    [Fact]
    public async Task Cli_MakesTheReport_ByCode_AndWritesItWhereAsked()
    {
        var output = Path.Combine(Path.GetTempPath(), $"edugov-cli-{Guid.NewGuid():N}", "渝中区.pdf");
        try
        {
            (await ReportCommand.RunAsync(portal.Services, ["report", "supervision", "--district", "500103", "--period", "2026", "--out", output])).ShouldBe(0);
            (await File.ReadAllBytesAsync(output)).Take(5).ShouldBe("%PDF-"u8.ToArray());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        }
    }

    /// <summary>The letters of a page that are not white space, in the order the page draws them, with their baselines.</summary>
    private static List<(char Letter, double Y)> Letters(UglyToad.PdfPig.Content.Page page) =>
        page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).SelectMany(l => l.Value.Select(c => (c, l.StartBaseLine.Y))).ToList();

    /// <summary>The baseline of the first occurrence of a text on a page, or null.</summary>
    private static double? Where(List<(char Letter, double Y)> letters, string text) =>
        new string(letters.Select(l => l.Letter).ToArray()).IndexOf(text, StringComparison.Ordinal) is var i and >= 0 ? letters[i].Y : null;

    private static int Count(string text, string part) => part.Length == 0 ? 0 : (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public async Task WhitePaper_DistrictCharts_PrintEachNameAndValueOnce_AndEveryCaptionIsOnItsFiguresPage()
    {
        using var scope = portal.Services.CreateScope();
        var city = await UnitAsync("500000");
        var paper = await Get<DocumentData>(scope).WhitePaperAsync(Commission, city, Year);
        var document = await Get<IDocumentGenerator>(scope).WhitePaperAsync(Commission, city, Year, "commission");
        using var pdf = PdfDocument.Open(await PdfAsync(scope, document));
        var pages = pdf.GetPages().Select(Letters).ToList();

        var tables = paper.Areas.SelectMany(a => a.Tables).ToList();
        tables.Count.ShouldBeGreaterThan(3);
        foreach (var table in tables)
        {
            if (table.Additive && table.Reported.All(r => r.Value <= 1))
            {
                // One or none per district: named in a sentence, not drawn.
                var holders = table.Reported.Count(r => r.Value == 1);
                pages.Count(p => Where(p, $"各区县{table.Name}（{Year}年）") is not null).ShouldBe(0, table.Name);
                if (holders > 0) pages.Count(p => Where(p, $"已认定的区县（{holders}个）") is not null).ShouldBe(1, table.Name);
                continue;
            }
            // The figure is the analysis above the chart, the chart, and the caption under it: all on one page.
            var caption = $"各区县{table.Name}（{Year}年）";
            var analysis = $"全市{table.Name}".Replace(" ", "");
            var onPages = pages.Where(p => Where(p, caption) is not null).ToList();
            onPages.Count.ShouldBe(1, caption);
            var letters = onPages[0];
            // The chart lies between the analysis's last line (its full stop) and the caption.
            var page = new string(letters.Select(l => l.Letter).ToArray());
            var start = page.IndexOf(analysis, StringComparison.Ordinal);
            start.ShouldBeGreaterThanOrEqualTo(0, caption);
            var (bottom, top) = (Where(letters, caption)!.Value, letters[page.IndexOf('。', start)].Y);
            top.ShouldBeGreaterThan(bottom);
            var chart = new string(letters.Where(l => l.Y > bottom + 1 && l.Y < top - 1).Select(l => l.Letter).ToArray());

            // Only the districts with a value are drawn, each once with its value; the others are named once, under the caption.
            var texts = table.Reported.Select(r => ChartText.Number(r.Value!.Value) + table.Unit)
                .Concat(table.DistrictTarget is { } t ? [$"目标{ChartText.Number(t)}{table.Unit}"] : []).ToList();
            foreach (var row in table.Reported)
            {
                Count(chart, row.District).ShouldBe(table.Reported.Count(r => r.District.Contains(row.District)), $"{caption}: {row.District}");
                var value = ChartText.Number(row.Value!.Value) + table.Unit;
                Count(chart, value).ShouldBe(texts.Sum(x => Count(x, value)), $"{caption}: {row.District} {value}");
            }
            chart.ShouldNotContain("无数据");
            if (table.Rows.Count > table.Reported.Count)
            {
                var missing = page.IndexOf($"暂无数据的区县（{table.Rows.Count - table.Reported.Count}个）", page.IndexOf(caption, StringComparison.Ordinal), StringComparison.Ordinal);
                missing.ShouldBeGreaterThan(0, caption);
                letters[missing].Y.ShouldBeLessThan(bottom);
            }
        }

        // Every figure, the trends' too, has its caption on the page that draws it: each 图N once, above nothing of the next figure.
        var numbers = pages.SelectMany(p => Regex.Matches(new string(p.Select(l => l.Letter).ToArray()), @"图(\d+)").Select(m => int.Parse(m.Groups[1].Value))).ToList();
        numbers.ShouldBe(Enumerable.Range(1, numbers.Count).ToList());
        foreach (var line in paper.Plans.SelectMany(p => p.Lines).Where(l => l.Status != ProgressStatus.NoData && l.Trend.Count > 1))
        {
            var caption = $"{line.Name}历年变化".Replace(" ", "");
            var page = pages.Single(p => Where(p, caption) is not null);
            var axis = Where(page, ChartText.AxisTitle(line.Name, line.Unit, 320).Replace(" ", "")).ShouldNotBeNull(caption);
            axis.ShouldBeGreaterThan(Where(page, caption)!.Value);    // the chart's axis title is above its caption, on the same page
        }
    }

    [Fact]
    public async Task WhitePaper_States_TheDatabasesValues_AndYearOnYearChanges_InItsSentences()
    {
        using var scope = portal.Services.CreateScope();
        var city = await UnitAsync("500000");
        var paper = await Get<DocumentData>(scope).WhitePaperAsync(Commission, city, Year);
        var text = await TextAsync(scope, await Get<IDocumentGenerator>(scope).WhitePaperAsync(Commission, city, Year, "commission"));
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>(scope).CreateDbContextAsync();
        var units = await db.OrgUnits.Where(u => u.Path.StartsWith("/500000/") && u.Kind != OrgUnitKind.School).ToDictionaryAsync(u => u.Name, u => u.Id);
        async Task<decimal?> StoredAsync(string code, int unit, int year) => await (from v in db.IndicatorValues
                                                                                    join i in db.Indicators on v.IndicatorId equals i.Id
                                                                                    where i.Code == code && v.OrgUnitId == unit && v.Year == year
                                                                                    select (decimal?)v.Value).SingleOrDefaultAsync();

        // The summary's finding on each area: the city's latest stored value (and its year, when older than the paper's),
        // and its change on the value stored for the year before that.
        paper.Areas.Count.ShouldBeGreaterThan(1);
        foreach (var table in paper.Areas.Select(a => a.Tables[0]))
        {
            var latest = await (from v in db.IndicatorValues
                                join i in db.Indicators on v.IndicatorId equals i.Id
                                where i.Code == table.Code && v.OrgUnitId == city && v.Year <= Year
                                orderby v.Year descending
                                select new { v.Year, v.Value }).FirstAsync();
            var sentence = $"全市{table.Name}{Narrative.Amount(latest.Value, table.Unit)}" + (latest.Year < Year ? $"（{latest.Year}年）" : "");
            if (await StoredAsync(table.Code, city, latest.Year - 1) is { } before && Narrative.Round(latest.Value) != Narrative.Round(before))
                sentence += $"，较上年{(latest.Value > before ? "提高" : "下降")}{Narrative.Difference(Narrative.Round(latest.Value) - Narrative.Round(before), table.Unit)}";
            Count(text, sentence.Replace(" ", "")).ShouldBeGreaterThanOrEqualTo(2, sentence);   // in the summary and over its chart
        }

        // The largest gains: each district once, from and to the values stored for the two years.
        paper.Gains.Count.ShouldBeGreaterThan(0);
        paper.Gains.Select(g => g.Subject).ShouldBeUnique();
        foreach (var gain in paper.Gains)
        {
            var code = paper.Areas.SelectMany(a => a.Tables).Single(t => t.Name == gain.Name).Code;
            var (now, before) = (await StoredAsync(code, units[gain.Subject], Year), await StoredAsync(code, units[gain.Subject], Year - 1));
            text.ShouldContain($"{gain.Subject}{gain.Name}由{Narrative.Amount(before!.Value, "%")}提高到{Narrative.Amount(now!.Value, "%")}", customMessage: code);
        }
        // The districts furthest behind: each with its own shortfalls, no sentence twice.
        paper.Behind.Select(b => b.Sentence).ShouldBeUnique();
        foreach (var behind in paper.Behind) text.ShouldContain(behind.Sentence.Replace(" ", ""));
    }

    [Fact]
    public async Task WhitePaper_CarriesThePagesWarningsAndScorecard()
    {
        const int year = 2021;   // the city's plans ran then; 2026 is past them all
        using var scope = portal.Services.CreateScope();
        var city = await UnitAsync("500000");
        var paper = await Get<DocumentData>(scope).WhitePaperAsync(Commission, city, year);
        var text = await TextAsync(scope, await Get<IDocumentGenerator>(scope).WhitePaperAsync(Commission, city, year, "commission"));

        // 预警: the same list the 目标预警 page shows, for the city's own plans, counted by indicator.
        var cityPlans = paper.Plans.Select(p => p.Title).ToHashSet();
        var onThePage = (await Get<ProgressService>(scope).WarningsAsync(Commission, year)).Where(w => cityPlans.Contains(w.PlanTitle)).ToList();
        paper.Warnings.Select(w => (w.Code, w.OrgUnitCode, w.Outlook)).ShouldBe(onThePage.Select(w => (w.Code, w.OrgUnitCode, w.Outlook)));
        paper.Warnings.ShouldNotBeEmpty();
        text.ShouldContain($"{paper.WarningsByIndicator.Count}项指标共有{paper.Warnings.Count}个区县次偏离目标路径");
        foreach (var indicator in paper.WarningsByIndicator)
        {
            var furthest = indicator.First();
            text.ShouldContain($"{furthest.Code}{furthest.Name}".Replace(" ", ""));
            text.ShouldContain($"{furthest.OrgUnitName}（{furthest.Latest.Value:0.#}{furthest.Unit}）");
        }

        // 数据质量评分: the scorecard the filing page shows for the year's period, a row per district.
        var period = (await Get<FilingService>(scope).PeriodsAsync(Commission)).Single(p => p.Year == year);
        var scorecards = await Get<FilingService>(scope).ScorecardsAsync(Commission, period.Id);
        paper.Quality.Select(q => q.Card).ShouldBe(scorecards.Select(q => q.Card));
        foreach (var q in scorecards)
            text.ShouldContain($"{q.UnitName}{q.Card.Completeness:0.0}%{q.Card.Timeliness:0.0}%{q.Card.FlaggedShare:0.0}%{q.Card.ReturnsPerFiling:0.00}");
    }

    [Fact]
    public async Task WhitePaper_HasNoNearlyEmptyPage_AndListsEachIndicatorWithoutDataOnce()
    {
        using var scope = portal.Services.CreateScope();
        var city = await UnitAsync("500000");
        var paper = await Get<DocumentData>(scope).WhitePaperAsync(Commission, city, Year);
        var document = await Get<IDocumentGenerator>(scope).WhitePaperAsync(Commission, city, Year, "commission", number: "渝教信〔2026〕3号");
        using var pdf = PdfDocument.Open(await PdfAsync(scope, document));

        Regex.Replace(pdf.GetPage(1).Text, @"\s+", "").ShouldContain("渝教信〔2026〕3号");
        foreach (var page in pdf.GetPages().Skip(1))
        {
            // Lines of text: the distinct baselines of the page's letters, the page foot's among them.
            var lines = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count();
            lines.ShouldBeGreaterThanOrEqualTo(6, $"page {page.Number}");
        }

        var text = Regex.Replace(string.Concat(pdf.GetPages().Select(p => p.Text)), @"\s+", "");
        var missing = paper.Missing.ToList();
        foreach (var (_, line) in missing) Count(text, line.Code).ShouldBe(1, line.Code);
        if (missing.Count > 0) text.ShouldContain("暂无数据的指标");
    }

    [Fact]
    public async Task SupervisionReport_PlacesTheDistrictAmongItsPeers_AsTheStoredValuesRankIt()
    {
        using var scope = portal.Services.CreateScope();
        var district = await UnitAsync("500103");
        var report = await Get<DocumentData>(scope).SupervisionReportAsync(Commission, district, Year);
        var text = await TextAsync(scope, await Get<IDocumentGenerator>(scope).SupervisionReportAsync(Commission, district, Year, "inspector"));
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>(scope).CreateDbContextAsync();
        var peers = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.District && u.Path.StartsWith("/500000/")).Select(u => u.Id).ToListAsync();

        var ranked = report.Rankings.Where(r => r.Rank is not null).ToList();
        ranked.Count.ShouldBeGreaterThan(3);
        foreach (var ranking in ranked)
        {
            // Each district's latest value at or before the year, straight from the table the dashboards read.
            var latest = (await (from v in db.IndicatorValues
                                 join i in db.Indicators on v.IndicatorId equals i.Id
                                 where i.Code == ranking.Code && peers.Contains(v.OrgUnitId) && v.Year <= Year
                                 select new { v.OrgUnitId, v.Year, v.Value }).ToListAsync())
                .GroupBy(v => v.OrgUnitId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Year)!.Value);
            var direction = await db.Indicators.Where(i => i.Code == ranking.Code).Select(i => i.Direction).FirstAsync();
            var mine = latest[district];
            var rank = 1 + latest.Values.Count(v => direction == Direction.Increase ? v > mine : v < mine);
            (ranking.Value, ranking.Rank).ShouldBe((mine, rank), ranking.Code);
            text.ShouldContain($"{ranking.Name}{Narrative.Amount(mine, ranking.Unit)}第{rank}位".Replace(" ", ""), customMessage: ranking.Code);
        }
        // The chart of the indicator it ranks lowest on, the district drawn in its own colour.
        var lowest = ranked.MaxBy(r => (double)r.Rank!.Value / r.Peers)!;
        text.ShouldContain($"位次最靠后的是{lowest.Name}：渝中区{Narrative.Amount(lowest.Value!.Value, lowest.Unit)}，居第{lowest.Rank}位".Replace(" ", ""));
        text.ShouldContain($"图1全市各区县{lowest.Name}（{Year}年）".Replace(" ", ""));
    }

    [Fact]
    public async Task AnOldVersion_KeepsTheFiguresItWasMadeFrom_AfterTheDataChanged_AndTheChangeIsListed()
    {
        using var scope = portal.Services.CreateScope();
        var city = await UnitAsync("500000");
        var generator = Get<IDocumentGenerator>(scope);
        var archive = Get<DocumentArchive>(scope);
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>(scope).CreateDbContextAsync();
        var indicator = await db.Indicators.Where(i => i.Code == "CQ5-03").Select(i => i.Id).FirstAsync();
        var stored = await db.IndicatorValues.Where(v => v.IndicatorId == indicator && v.OrgUnitId == city && v.Year == Year).Select(v => v.Value).SingleAsync();
        var name = await db.Indicators.Where(i => i.Id == indicator).Select(i => i.Name).SingleAsync();

        var v1 = await generator.WhitePaperAsync(Commission, city, Year, "commission");
        var changed = Narrative.Round(stored) + 2.5m;
        await db.IndicatorValues.Where(v => v.IndicatorId == indicator && v.OrgUnitId == city && v.Year == Year).ExecuteUpdateAsync(u => u.SetProperty(v => v.Value, changed));
        try
        {
            var v2 = await generator.WhitePaperAsync(Commission, city, Year, "commission");

            // The old version, opened after the change: its figures and its pages still say what they said.
            var (_, figures, _) = await archive.FiguresAsync(Commission, v1.Id);
            figures.Single(f => f.Key == "CQ5-03").Value.ShouldBe(stored);
            (await TextAsync(scope, v1)).ShouldContain($"全市{name}{Narrative.Amount(stored, "%")}");
            (await TextAsync(scope, v2)).ShouldContain($"全市{name}{Narrative.Amount(changed, "%")}");

            var changes = await archive.CompareAsync(Commission, v1.Id, v2.Id);
            changes.Single(c => c.Key == "CQ5-03").ShouldSatisfyAllConditions(c => c.Before.ShouldBe(stored), c => c.After.ShouldBe(changed));
            changes.ShouldAllBe(c => c.Key.StartsWith("CQ5-03") || c.Key.StartsWith("overview/"));   // nothing else moved
        }
        finally
        {
            await db.IndicatorValues.Where(v => v.IndicatorId == indicator && v.OrgUnitId == city && v.Year == Year).ExecuteUpdateAsync(u => u.SetProperty(v => v.Value, stored));
        }
    }
}
