using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Infrastructure.Tests.Filing;

/// <summary>
/// 200 principals saving at once (DESIGN.md's budget: nothing lost or silently overwritten), on a database of its own
/// since it touches 200 schools' filings. On PostgreSQL the saves really run side by side, as on a server they would.
/// </summary>
public sealed class ConcurrentSaveTests
{
    [Fact]
    public async Task TwoHundredPrincipalsSavingAtOnce_EverySaveLands_AndOfTwoSavesFromOneVersionExactlyOneLands()
    {
        await using var database = await TestDatabase.CreateAsync();
        var filings = database.Get<FilingService>();
        var period = (await filings.CurrentPeriodAsync(Scopes.Commission))!.Id;
        await using var db = database.Open();
        var schools = await db.OrgUnits.Where(s => s.Kind == OrgUnitKind.School && s.Path.StartsWith("/500000/")
                && !db.Filings.Any(f => f.PeriodId == period && f.SchoolId == s.Id && (f.Status == FilingStatus.Submitted || f.Status == FilingStatus.Approved)))
            .OrderBy(s => s.Code).Take(200).Select(s => new { s.Id, s.Path }).ToListAsync();
        var principals = schools.Select(s => (s.Id, Scope: new AccessScope($"p{s.Id}", Role.Principal, s.Path))).ToList();
        principals.Count.ShouldBe(200);
        var views = new Dictionary<int, FilingView>();
        foreach (var (id, scope) in principals) views[id] = await filings.GetAsync(scope, period, id);

        await Task.WhenAll(principals.Select(p => Task.Run(async () =>
        {
            using var scope = database.Services.CreateScope();
            var view = views[p.Id];
            await scope.ServiceProvider.GetRequiredService<FilingService>()
                .SaveDraftAsync(p.Scope, period, p.Id, view.Version, view.Survey with { MakerSpaces = (view.Survey.MakerSpaces ?? 0) + 1 });
        })));

        foreach (var (id, scope) in principals)
            (await filings.GetAsync(scope, period, id)).Survey.MakerSpaces.ShouldBe((views[id].Survey.MakerSpaces ?? 0) + 1);
        var (raceId, raceScope) = principals[0];
        var stale = await filings.GetAsync(raceScope, period, raceId);
        var outcomes = await Task.WhenAll(new[] { 1, 2 }.Select(n => Task.Run(async () =>
        {
            using var scope = database.Services.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<FilingService>()
                    .SaveDraftAsync(raceScope, period, raceId, stale.Version, stale.Survey with { SmartClassrooms = n });
                return "saved";
            }
            catch (DomainException e) when (e.Code == ErrorCodes.ConcurrentEdit)
            {
                return "conflict";
            }
        })));
        outcomes.Order().ShouldBe(["conflict", "saved"]);
    }
}
