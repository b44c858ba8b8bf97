using EduGov.Domain.Filing;
using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Security;
using EduGov.Infrastructure.Supervision;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Notifications;

/// <summary>
/// The daily reminders: finds what is near its deadline or past it and tells the users of the unit responsible (a
/// school's principal, a district's staff, the commission for its own systems). Running it twice in a day adds nothing:
/// each subject and stage has one message per user, refreshed while unread.
/// </summary>
public sealed class ReminderService(IDbContextFactory<EduGovDbContext> factory, SecurityService security, InspectionService inspections,
    TimeProvider clock)
{
    private static readonly Role[] Responsible = [Role.Principal, Role.District, Role.Commission];

    public async Task<string> SendAsync(DateOnly today, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditRows = false;
        var reminders = new List<Reminder>();
        reminders.AddRange(await FilingDeadlinesAsync(db, today, ct));
        reminders.AddRange((await security.AssessmentsDueAsync(today, ct)).Select(s => Reminders.AssessmentDue(s.UnitId, s.SystemId, s.Name, s.Due)).OfType<Reminder>());
        reminders.AddRange((await security.OverdueItemsAsync(today, ct)).Select(r =>
            Reminders.ItemOverdue("remediation", r.UnitId, r.ItemId, r.Finding, r.Deadline, today, "/security")).OfType<Reminder>());
        reminders.AddRange((await inspections.OverdueRectificationsAsync(today, ct)).Select(r =>
            Reminders.ItemOverdue("rectification", r.ResponsibleUnitId, r.ItemId, r.Requirement, r.Deadline, today, "/supervision/rectifications")).OfType<Reminder>());

        var units = reminders.Select(r => r.UnitId).Distinct().ToList();
        var users = (await db.Users.Where(u => u.OrgUnitId != null && units.Contains(u.OrgUnitId.Value) && Responsible.Contains(u.Role))
            .Select(u => new { u.Id, UnitId = u.OrgUnitId!.Value }).ToListAsync(ct)).ToLookup(u => u.UnitId, u => u.Id);
        var userIds = users.SelectMany(u => u).ToList();
        var subjects = reminders.Select(r => r.Subject).Distinct().ToList();
        var existing = await db.Notifications.Where(n => userIds.Contains(n.UserId) && subjects.Contains(n.Subject))
            .ToDictionaryAsync(n => (n.UserId, n.Subject), ct);

        int sent = 0, refreshed = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var reminder in reminders)
            foreach (var userId in users[reminder.UnitId])
            {
                if (existing.TryGetValue((userId, reminder.Subject), out var notification))
                {
                    if (notification.Refresh(reminder)) refreshed++;
                    continue;
                }
                existing[(userId, reminder.Subject)] = db.Notifications.Add(Notification.Send(userId, reminder, now)).Entity;
                sent++;
            }
        db.Audit(new Domain.Audit.AuditEntry(now, Jobs.JobCatalog.Scheduler, "Remind", "Notification", null, $"{sent} sent, {refreshed} refreshed"));
        await db.SaveChangesAsync(ct);
        return $"新发提醒 {sent} 条，更新 {refreshed} 条";
    }

    private static async Task<IEnumerable<Reminder>> FilingDeadlinesAsync(EduGovDbContext db, DateOnly today, CancellationToken ct)
    {
        var last = today.AddDays(Reminders.FilingDaysAhead);
        var periods = await (from p in db.ReportingPeriods
                             join c in db.OrgUnits on p.CityId equals c.Id
                             where p.OpensOn <= today && p.ClosesOn >= today && p.ClosesOn <= last
                             select new { p.Id, p.Name, p.ClosesOn, c.Path }).ToListAsync(ct);
        var reminders = new List<Reminder>();
        foreach (var period in periods)
        {
            var schools = await (from s in db.OrgUnits
                                 where s.Kind == OrgUnitKind.School && s.Path.StartsWith(period.Path)
                                 select new
                                 {
                                     s.Id,
                                     Submitted = db.Filings.Any(f => f.PeriodId == period.Id && f.SchoolId == s.Id
                                                                     && (f.Status == FilingStatus.Submitted || f.Status == FilingStatus.Approved)),
                                 }).ToListAsync(ct);
            reminders.AddRange(schools.Select(s => Reminders.FilingDeadline(s.Id, period.Id, period.Name, period.ClosesOn, s.Submitted, today)).OfType<Reminder>());
        }
        return reminders;
    }
}
