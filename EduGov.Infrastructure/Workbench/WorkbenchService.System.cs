using EduGov.Domain.Jobs;
using EduGov.Domain.Organisation;
using EduGov.Domain.Workbench;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Workbench;

/// <summary>Messages (消息提醒) for everyone; scheduled jobs, accounts and the audit chain for those who run the system.</summary>
public sealed partial class WorkbenchService
{
    private const int NamesShown = 3;

    /// <summary>The user's unread notifications: how many, the newest's title, since the oldest.</summary>
    [TaskSource(Role.Admin, Role.Commission, Role.District, Role.Principal, Role.Inspector)]
    private async Task<IEnumerable<WorkItem>> UnreadNotificationsAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        var unread = from n in db.Notifications
                     join u in db.Users on n.UserId equals u.Id
                     where u.UserName == c.Scope.UserName && n.ReadAtUtc == null
                     select n;
        var sum = await unread.GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(), Oldest = g.Min(n => n.CreatedAtUtc),
            Newest = g.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id).Select(n => n.Title).First(),
        }).SingleOrDefaultAsync(ct);
        return sum is null ? [] :
        [
            new WorkItem(WorkKind.UnreadNotifications, sum.Newest, WorkLinks.Notifications)
                { Count = sum.Count, Date = c.Day(sum.Oldest), DateMeaning = DateMeaning.Waiting },
        ];
    }

    /// <summary>Every scheduled job whose latest run failed, with its error (a retry that is running or succeeded clears it).</summary>
    [TaskSource(Role.Admin, Role.Commission)]
    private async Task<IEnumerable<WorkItem>> FailedJobsAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        var last = await db.JobRuns.GroupBy(r => r.Job)
            .Select(g => g.OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.Id).First()).ToListAsync(ct);
        return last.Where(r => r.Outcome == RunOutcome.Failed).Select(r => new WorkItem(WorkKind.JobFailed, r.Job, WorkLinks.Jobs)
            { SubjectKey = $"Job.{r.Job}", Date = c.Day(r.StartedAtUtc), DateMeaning = DateMeaning.Waiting, Note = r.Error });
    }

    /// <summary>Accounts locked now (after failed sign-ins or by an administrator), and accounts that have never signed in.</summary>
    [TaskSource(Role.Admin)]
    private async Task<IEnumerable<WorkItem>> AccountsAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        // SQLite cannot compare DateTimeOffset: the few accounts with a lockout end at all are compared here.
        var locked = (await db.Users.Where(u => u.LockoutEnd != null).Select(u => new { u.DisplayName, u.LockoutEnd }).ToListAsync(ct))
            .Where(u => u.LockoutEnd > c.NowUtc).OrderBy(u => u.DisplayName, StringComparer.Ordinal).Select(u => u.DisplayName).ToList();
        var never = db.Users.Where(u => !db.UserSessions.Any(s => s.UserId == u.Id));
        var neverCount = await never.CountAsync(ct);
        var neverNames = neverCount == 0 ? [] : await never.OrderBy(u => u.UserName).Select(u => u.DisplayName).Take(NamesShown).ToListAsync(ct);
        var items = new List<WorkItem>();
        if (locked.Count > 0) items.Add(new WorkItem(WorkKind.AccountsLocked, Names(locked), WorkLinks.Users) { Count = locked.Count });
        if (neverCount > 0) items.Add(new WorkItem(WorkKind.UsersNeverSignedIn, Names(neverNames), WorkLinks.Users) { Count = neverCount });
        return items;

        static string Names(IEnumerable<string> names) => string.Join("、", names.Take(NamesShown));
    }

    /// <summary>
    /// The audit chain as /healthz sees it: what was appended since the last check is checked now. Before any check since start-up
    /// (a whole chain can take seconds) the home page says so instead of checking it all; /healthz and the nightly job check it.
    /// </summary>
    [TaskSource(Role.Admin)]
    private async Task<IEnumerable<WorkItem>> AuditChainAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        if (trail.LastCheck is null) return [new WorkItem(WorkKind.AuditChainUnchecked, "", WorkLinks.Audit)];
        var check = await trail.CheckRecentAsync(ct);
        return [new WorkItem(check.Intact ? WorkKind.AuditChainIntact : WorkKind.AuditChainBroken, "", WorkLinks.Audit) { Note = check.Summary }];
    }
}
