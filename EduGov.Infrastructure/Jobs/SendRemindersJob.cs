using EduGov.Infrastructure.Notifications;
using Quartz;

namespace EduGov.Infrastructure.Jobs;

/// <summary>Daily: deadlines near and items overdue, as in-app notifications to the responsible units' users.</summary>
[DisallowConcurrentExecution]
public sealed class SendRemindersJob(ReminderService reminders, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("send-reminders", JobCatalog.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await reminders.SendAsync(context.DueDate(clock), cancellationToken);
}
