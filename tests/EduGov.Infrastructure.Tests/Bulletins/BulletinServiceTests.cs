using EduGov.Domain.Bulletins;
using EduGov.Domain.Filing;
using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using EduGov.Domain.Urging;
using EduGov.Infrastructure.Bulletins;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Supervision;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EduGov.Infrastructure.Tests.Bulletins;

/// <summary>Bulletins on the seeded demo database, on a clock the test sets, printed by a stand-in (the real PDF is the web tests').</summary>
public abstract class BulletinTestBase
{
    /// <summary>Mid-window of the demo's 2026 period (1 November – 15 December).</summary>
    protected static readonly DateTimeOffset MidWindow = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    protected static readonly DateTimeOffset AfterDeadline = new(2026, 12, 20, 2, 0, 0, TimeSpan.Zero);

    protected abstract TestDatabase Db { get; }
    protected readonly FakeTimeProvider _clock = new(MidWindow);
    protected readonly StandInPrinter _printer = new();

    protected BulletinService Service(IUrgingSource? urgings = null)
    {
        var factory = Db.Get<IDbContextFactory<EduGovDbContext>>();
        var data = new BulletinData(factory, Db.Get<DocumentData>(), urgings ?? new EduGov.Infrastructure.Urging.UrgingService(factory, _clock), _clock);
        return new BulletinService(factory, data, Db.Get<DocumentArchive>(), _printer, _clock);
    }

    protected async Task<int> PeriodAsync(string cityCode, int year)
    {
        await using var db = Db.Open();
        return await (from p in db.ReportingPeriods join c in db.OrgUnits on p.CityId equals c.Id where c.Code == cityCode && p.Year == year select p.Id).SingleAsync();
    }

    protected async Task<string> AddUserAsync(string userName, Role role, int unitId)
    {
        await using var db = Db.Open();
        db.Users.Add(new AppUser
        {
            UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = userName, Role = role, OrgUnitId = unitId,
            SecurityStamp = Guid.NewGuid().ToString(),
        });
        await db.SaveChangesAsync();
        return userName;
    }

    protected sealed class StandInPrinter : IBulletinPrinter
    {
        public List<BulletinReport> Printed { get; } = [];
        public Exception? Fail { get; set; }

        public Task<byte[]> PrintAsync(BulletinReport report, CancellationToken ct = default)
        {
            if (Fail is not null) throw Fail;
            Printed.Add(report);
            return Task.FromResult(SampleFiles.Pdf);
        }
    }

    protected sealed class OneUrging(UrgingSection section) : IUrgingSource
    {
        public Task<UrgingSection?> OutstandingAsync(int cityId, string cityPath, DateOnly today, CancellationToken ct = default) => Task.FromResult<UrgingSection?>(section);
    }
}

/// <summary>What a bulletin states, read from a database no test here changes.</summary>
public sealed class BulletinFiguresTests(SeededDatabase fixture) : BulletinTestBase, IClassFixture<SeededDatabase>
{
    protected override TestDatabase Db => fixture.Db;

    [Fact]
    public async Task Preview_CountsEveryDistrict_AsTheFilingsInTheDatabaseStand()
    {
        var periodId = await PeriodAsync("500000", 2026);

        var report = await Service().PreviewAsync(Scopes.Commission, periodId);

        await using var db = Db.Open();
        var schools = await (from s in db.OrgUnits
                             where s.Kind == OrgUnitKind.School && s.Path.StartsWith("/500000/")
                             join f in db.Filings.Where(f => f.PeriodId == periodId) on s.Id equals f.SchoolId into filed
                             from f in filed.DefaultIfEmpty()
                             select new { District = s.ParentId!.Value, Status = f == null ? (FilingStatus?)null : f.Status }).ToListAsync();
        report.Filing.Districts.ShouldBe(38);
        report.Ranking.Count.ShouldBe(38);
        report.Filing.Schools.ShouldBe(schools.Count);
        report.Filing.Completed.ShouldBe(schools.Count(s => s.Status is FilingStatus.Submitted or FilingStatus.Approved));
        report.Filing.Approved.ShouldBe(schools.Count(s => s.Status == FilingStatus.Approved));
        report.Filing.NotStarted.ShouldBe(schools.Count(s => s.Status is null));
        // Before the deadline every complete school is on time.
        report.Filing.OnTime.ShouldBe(report.Filing.Completed);
        foreach (var row in report.Ranking)
        {
            var own = schools.Where(s => s.District == row.Figures.UnitId).ToList();
            (row.Figures.Schools, row.Figures.Completed).ShouldBe((own.Count, own.Count(s => s.Status is FilingStatus.Submitted or FilingStatus.Approved)), row.Figures.Name);
        }
        report.Ranking.Select(r => r.Figures.CompletionRate).ShouldBeInOrder(SortDirection.Descending);
        report.PastDeadline.ShouldBeFalse();
        report.DaysToDeadline.ShouldBe(15);
        report.OutstandingTotal.ShouldBe(report.Filing.Schools - report.Filing.Completed);
        report.OutstandingSchools.Count.ShouldBe(Math.Min(BulletinRules.SchoolsListed, report.OutstandingTotal));
        report.Number.ShouldBe("渝教督〔2026〕1号");
        report.Version.ShouldBe(1);
        // The 督办 section: every 督办 of the city not closed, and those past their deadline unanswered, as the table stands.
        await using var urgings = Db.Open();
        var today = DateOnly.FromDateTime(_clock.GetLocalNow().DateTime);
        var open = await urgings.Urgings.Where(u => u.Status != UrgingStatus.Closed).Select(u => new { u.Status, u.Deadline }).ToListAsync();
        open.ShouldNotBeEmpty();
        (report.Urgings!.Outstanding, report.Urgings.Overdue).ShouldBe((open.Count, open.Count(u => u.Status == UrgingStatus.Issued && today > u.Deadline)));
        report.Urgings.Lines.Select(l => l.Deadline).ShouldBeInOrder();
    }

    [Fact]
    public async Task Preview_NamesTheLaggingDistricts_TheListedSchoolsWithTheirDistricts_AndTheOverdueItemsUnits()
    {
        var report = await Service().PreviewAsync(Scopes.Commission, await PeriodAsync("500000", 2026));
        var named = report.Named.ToDictionary(n => n.UnitId, n => n.Reasons);

        report.Lagging.Count.ShouldBeInRange(1, BulletinRules.LaggingCount + 2);
        report.Lagging.ShouldAllBe(l => l.Figures.CompletionRate < report.Filing.CompletionRate);
        foreach (var d in report.Lagging) named[d.Figures.UnitId].HasFlag(BulletinReason.LowCompletion).ShouldBeTrue();
        foreach (var s in report.OutstandingSchools)
        {
            named[s.SchoolId].ShouldBe(BulletinReason.SchoolsOutstanding);
            named[s.DistrictId].HasFlag(BulletinReason.SchoolsOutstanding).ShouldBeTrue();
        }
        // The demo's items fall due relative to the day it was seeded; on this test's clock some may or may not be overdue.
        foreach (var i in report.OverdueItems) named[i.UnitId].HasFlag(BulletinReason.RectificationOverdue).ShouldBeTrue();
        // Nobody else: the full ranking names no one by itself.
        var expected = report.Lagging.Select(l => l.Figures.UnitId).Concat(report.OutstandingSchools.SelectMany(s => new[] { s.SchoolId, s.DistrictId }))
            .Concat(report.OverdueItems.SelectMany(i => new[] { i.UnitId, i.DistrictId })).Concat(report.IndicatorsBehind.SelectMany(b => b.Furthest.Select(f => f.UnitId)))
            .Concat(report.Urgings!.Lines.Where(l => l.DaysOverdue > 0).SelectMany(l => new[] { l.UnitId, l.DistrictId ?? l.UnitId }));
        named.Keys.ShouldBe(expected.Distinct(), ignoreOrder: true);
    }

    [Fact]
    public async Task Urgings_FromAPluggedInSource_AreTheirOwnSection_AndNameTheirUnits()
    {
        int school, district;
        await using (var db = Db.Open())
        {
            var unit = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School && u.Path.StartsWith("/500000/500105/")).OrderBy(u => u.Code).FirstAsync();
            (school, district) = (unit.Id, unit.ParentId!.Value);
        }
        var source = new OneUrging(new UrgingSection(2, 1, [new UrgingLine(school, "某校", district, "江北区", "2026年度填报逾期", new DateOnly(2026, 11, 20), 10)]));

        var report = await Service(source).PreviewAsync(Scopes.Commission, await PeriodAsync("500000", 2026));

        report.Urgings!.Outstanding.ShouldBe(2);
        report.Named.Single(n => n.UnitId == school).Reasons.HasFlag(BulletinReason.UrgingOutstanding).ShouldBeTrue();
        report.Named.Single(n => n.UnitId == district).Reasons.HasFlag(BulletinReason.UrgingOutstanding).ShouldBeTrue();
    }

    [Fact]
    public async Task Publish_WhenPrintingFails_LeavesNoBulletin_NoDocument_AndTellsNobody()
    {
        var period = await PeriodAsync("500000", 2026);
        _printer.Fail = new BrowserUnavailableException("No browser at /nonexistent");

        await Should.ThrowAsync<BrowserUnavailableException>(() => Service().PublishAsync(Scopes.Commission, period));

        await using var db = Db.Open();
        (await db.Bulletins.CountAsync()).ShouldBe(0);
        (await db.GeneratedDocuments.CountAsync(d => d.Kind == DocumentKind.Bulletin)).ShouldBe(0);
        (await db.Notifications.CountAsync(n => n.Kind == NotificationKind.BulletinPublished)).ShouldBe(0);
    }
}

/// <summary>Publishing, versions, notifications and readers: each test on a database of its own.</summary>
public sealed class BulletinPublishingTests : BulletinTestBase, IAsyncLifetime
{
    private TestDatabase _db = default!;
    protected override TestDatabase Db => _db;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AfterTheDeadline_ASchoolThatSubmitsLate_IsCompleteButNotOnTime_AndTheRestAreLate()
    {
        var periodId = await PeriodAsync("500000", 2026);
        int schoolId;
        await using (var db = Db.Open())
        {
            var draft = await db.Filings.Include(f => f.History).Where(f => f.PeriodId == periodId && f.Status == FilingStatus.Draft).OrderBy(f => f.Id).FirstAsync();
            draft.Submit("principal", new DateTime(2026, 12, 18, 1, 0, 0, DateTimeKind.Utc));
            schoolId = draft.SchoolId;
            await db.SaveChangesAsync();
        }
        _clock.SetUtcNow(AfterDeadline);

        var report = await Service().PreviewAsync(Scopes.Commission, periodId);

        report.PastDeadline.ShouldBeTrue();
        report.DaysToDeadline.ShouldBe(5);
        report.Filing.SubmittedLate.ShouldBe(1);
        report.Filing.OnTime.ShouldBe(report.Filing.Completed - 1);
        report.OutstandingSchools.ShouldNotContain(s => s.SchoolId == schoolId);
    }

    [Fact]
    public async Task Publish_ArchivesVersion1_ThenVersion2_UnderOneNumber_AndTheNextBulletinTakesTheNextNumber()
    {
        var service = Service();
        var period = await PeriodAsync("430100", 2026);

        var first = await service.PublishAsync(Scopes.ChangshaCommission, period);
        _clock.Advance(TimeSpan.FromHours(2));
        var second = await service.PublishAsync(Scopes.ChangshaCommission, period);
        var other = await service.PublishAsync(Scopes.ChangshaCommission, await PeriodAsync("430100", 2025));

        (first.Number, first.Version, second.Number, second.Version).ShouldBe(("长教督〔2026〕1号", 1, "长教督〔2026〕1号", 2));
        second.BulletinId.ShouldBe(first.BulletinId);
        (other.Number, other.Version).ShouldBe(("长教督〔2026〕2号", 1));
        _printer.Printed.Select(r => (r.Number, r.Version)).ShouldBe([("长教督〔2026〕1号", 1), ("长教督〔2026〕1号", 2), ("长教督〔2026〕2号", 1)]);

        var view = await service.GetAsync(Scopes.ChangshaCommission, first.BulletinId);
        view.Versions.Select(v => (v.Version, v.PublishedBy)).ShouldBe([(2, "changsha"), (1, "changsha")]);
        view.CanPublish.ShouldBeTrue();
        await using var db = Db.Open();
        var documents = await db.GeneratedDocuments.Where(d => d.Kind == DocumentKind.Bulletin).OrderBy(d => d.Id).ToListAsync();
        documents.Select(d => (d.Series, d.Version, d.Year)).ShouldBe([(period, 1, 2026), (period, 2, 2026), (await PeriodAsync("430100", 2025), 1, 2025)]);
        documents.ShouldAllBe(d => d.Size == SampleFiles.Pdf.Length && d.CreatedBy == "changsha");
    }

    [Fact]
    public async Task Publish_TellsTheUsersOfTheNamedUnitsOnly_DistrictStaffAndPrincipals_WithALinkToTheBulletin()
    {
        var period = await PeriodAsync("500000", 2026);
        var preview = await Service().PreviewAsync(Scopes.Commission, period);
        var namedDistrict = preview.Named.First(n => n.Kind == OrgUnitKind.District);
        var namedSchool = preview.Named.First(n => n.Kind == OrgUnitKind.School);
        int quietDistrict, quietSchool;
        await using (var db = Db.Open())
        {
            var named = preview.Named.Select(n => n.UnitId).ToList();
            quietDistrict = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.District && u.Path.StartsWith("/500000/") && !named.Contains(u.Id)).Select(u => u.Id).FirstAsync();
            quietSchool = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School && u.Path.StartsWith("/500000/") && !named.Contains(u.Id)).Select(u => u.Id).FirstAsync();
        }
        var told = new[] { await AddUserAsync("named-district", Role.District, namedDistrict.UnitId), await AddUserAsync("named-principal", Role.Principal, namedSchool.UnitId) };
        var untold = new[]
        {
            await AddUserAsync("quiet-district", Role.District, quietDistrict), await AddUserAsync("quiet-principal", Role.Principal, quietSchool),
            await AddUserAsync("named-district-inspector", Role.Inspector, namedDistrict.UnitId),   // the district's staff are told, not an inspector placed there
        };

        var published = await Service().PublishAsync(Scopes.Commission, period);

        await using var read = Db.Open();
        var mentions = await read.BulletinIssues.Where(i => i.BulletinId == published.BulletinId).SelectMany(i => i.Mentions).ToListAsync();
        mentions.Select(m => (m.UnitId, m.Reasons)).ShouldBe(preview.Named.Select(n => (n.UnitId, n.Reasons)), ignoreOrder: true);
        var notes = await (from n in read.Notifications join u in read.Users on n.UserId equals u.Id where n.Subject == $"bulletin:{published.BulletinId}:v1"
                           select new { u.UserName, u.OrgUnitId, u.Role, n.Kind, n.Link, n.Title, n.Body }).ToListAsync();
        var namedIds = mentions.Select(m => m.UnitId).ToHashSet();
        var kinds = await read.OrgUnits.Where(u => namedIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Kind);
        var everyone = await read.Users.Where(u => u.OrgUnitId != null && namedIds.Contains(u.OrgUnitId.Value)).Select(u => new { u.UserName, u.OrgUnitId, u.Role }).ToListAsync();
        var expected = everyone.Where(u => u.Role == (kinds[u.OrgUnitId!.Value] == OrgUnitKind.School ? Role.Principal : Role.District)).Select(u => u.UserName).ToList();
        notes.Select(n => n.UserName).ShouldBe(expected, ignoreOrder: true);
        notes.Select(n => n.UserName).ShouldBeSubsetOf(notes.Select(n => n.UserName).Distinct());   // one each
        notes.Select(n => n.UserName).ShouldContain(told[0]);
        notes.Select(n => n.UserName).ShouldContain(told[1]);
        notes.Select(n => n.UserName).ShouldNotContain(n => untold.Contains(n));
        notes.ShouldAllBe(n => n.Kind == NotificationKind.BulletinPublished && n.Link == $"/bulletins/{published.BulletinId}");
        notes.Single(n => n.UserName == "named-principal").Body.ShouldContain("点名本校：本校尚未完成填报");
        published.UsersTold.ShouldBe(notes.Count);
        published.UnitsTold.ShouldBe(mentions.Count);
    }

    [Fact]
    public async Task Readers_TheCityEveryDistrictOfItAndNamedSchools_OthersAndBadIdsGetNotFound_OtherRolesCannotPublish()
    {
        var period = await PeriodAsync("500000", 2026);
        var published = await Service().PublishAsync(Scopes.Commission, period);
        var preview = _printer.Printed.Single();
        var namedSchool = preview.OutstandingSchools[0];
        await using var db = Db.Open();
        var schoolPath = await db.OrgUnits.Where(u => u.Id == namedSchool.SchoolId).Select(u => u.Path).SingleAsync();
        var named = preview.Named.Select(n => n.UnitId).ToList();
        var quietPath = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School && u.Path.StartsWith("/500000/") && !named.Contains(u.Id)).Select(u => u.Path).FirstAsync();
        // A download is audited at the service's time, and the trail refuses an entry dated before its last one (the seeding's).
        if (DateTimeOffset.UtcNow > _clock.GetUtcNow()) _clock.SetUtcNow(DateTimeOffset.UtcNow);
        var service = Service();

        foreach (var reader in new[] { Scopes.Commission, Scopes.Inspector, Scopes.Admin, Scopes.District, Scopes.OtherDistrict, new AccessScope("p1", Role.Principal, schoolPath) })
        {
            (await service.GetAsync(reader, published.BulletinId)).Number.ShouldBe(published.Number, reader.UserName);
            (await service.ListAsync(reader)).Items.Select(b => b.Id).ShouldContain(published.BulletinId, reader.UserName);
            var (_, _, content) = await service.OpenAsync(reader, published.BulletinId, 1);
            await content.DisposeAsync();
        }
        foreach (var stranger in new[] { Scopes.ChangshaCommission, new AccessScope("p2", Role.Principal, quietPath), new AccessScope("nobody", Role.District, null) })
        {
            await Should.ThrowAsync<NotFoundException>(() => service.GetAsync(stranger, published.BulletinId));
            await Should.ThrowAsync<NotFoundException>(() => service.OpenAsync(stranger, published.BulletinId, 1));
            (await service.ListAsync(stranger)).Items.ShouldBeEmpty();
        }
        (await service.GetAsync(new AccessScope("p1", Role.Principal, schoolPath), published.BulletinId)).OwnReasons.ShouldBe(BulletinReason.SchoolsOutstanding);
        (await service.GetAsync(Scopes.District, published.BulletinId)).CanPublish.ShouldBeFalse();
        (await Db.LastAuditAsync("p1", "Download"))!.Details!.ShouldContain($"{published.Number} {published.Title} v1");

        // Bad ids and the roles that do not publish: not found or forbidden, never an error.
        await Should.ThrowAsync<NotFoundException>(() => service.GetAsync(Scopes.Commission, 999_999));
        await Should.ThrowAsync<NotFoundException>(() => service.OpenAsync(Scopes.Commission, published.BulletinId, 2));
        await Should.ThrowAsync<NotFoundException>(() => service.OpenAsync(Scopes.Commission, published.BulletinId, -1));
        await Should.ThrowAsync<NotFoundException>(() => service.PreviewAsync(Scopes.Commission, 999_999));
        await Should.ThrowAsync<NotFoundException>(() => service.PreviewAsync(Scopes.ChangshaCommission, period));   // another city's period
        await Should.ThrowAsync<NotFoundException>(() => service.PublishAsync(Scopes.District, period));            // the city is above the district
        await Should.ThrowAsync<ForbiddenException>(() => service.PublishAsync(Scopes.Inspector, period));           // sees the city, does not publish
        (await service.PeriodsAsync(Scopes.Inspector)).ShouldBeEmpty();
        (await service.PeriodsAsync(Scopes.Commission)).Select(p => (p.Name, p.Versions)).Take(3).ShouldBe([("2026年度", 1), ("2025年度", 0), ("2024年度", 0)]);   // newest first, from 2019
    }
}
