using EduGov.Infrastructure.Backups;
using Quartz;

namespace EduGov.Infrastructure.Jobs;

/// <summary>Nightly: the database and the evidence and document files backed up under EduGov:Backup:Path, the oldest beyond Keep deleted.</summary>
[DisallowConcurrentExecution]
public sealed class MakeBackupJob(BackupService backups) : IJob
{
    public static readonly JobKey Key = new("make-backup", JobCatalog.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await backups.BackupNightlyAsync(cancellationToken);
}
