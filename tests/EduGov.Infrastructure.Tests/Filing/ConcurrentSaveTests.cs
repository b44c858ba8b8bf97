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
        // A new period of 重庆市 that no school has filed in yet: the demo's own is mostly submitted and approved.
        var today = DateOnly.FromDateTime(DateTime.Today);
        var period = await filings.SavePeriodAsync(Scopes.Commission, null, await database.UnitIdAsync("500000"),
            new PeriodDetails("并发填报", today.Year + 1, today.AddDays(-1), today.AddDays(30)));
        await using var db = database.Open();
        var principals = (await db.OrgUnits.Where(s => s.Kind == OrgUnitKind.School && s.Path.StartsWith("/500000/"))
                .OrderBy(s => s.Code).Take(200).Select(s => new { s.Id, s.Path }).ToListAsync())
            .Select(s => (s.Id, Scope: new AccessScope($"p{s.Id}", Role.Principal, s.Path), Period: period)).ToList();
        var views = new Dictionary<int, FilingView>();
        foreach (var (id, scope, _) in principals) views[id] = await filings.GetAsync(scope, period, id);
        principals.Count.ShouldBe(200);

        await Task.WhenAll(principals.Select(p => Task.Run(async () =>
        {
            using var scope = database.Services.CreateScope();
            var view = views[p.Id];
            await scope.ServiceProvider.GetRequiredService<FilingService>()
                .SaveDraftAsync(p.Scope, p.Period, p.Id, view.Version, view.Survey with { MakerSpaces = (view.Survey.MakerSpaces ?? 0) + 1 });
        })));

        foreach (var (id, scope, _) in principals)
            (await filings.GetAsync(scope, period, id)).Survey.MakerSpaces.ShouldBe((views[id].Survey.MakerSpaces ?? 0) + 1);
        var (raceId, raceScope, racePeriod) = principals[0];
        var stale = await filings.GetAsync(raceScope, racePeriod, raceId);
        var outcomes = await Task.WhenAll(new[] { 1, 2 }.Select(n => Task.Run(async () =>
        {
            using var scope = database.Services.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<FilingService>()
                    .SaveDraftAsync(raceScope, racePeriod, raceId, stale.Version, stale.Survey with { SmartClassrooms = n });
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
