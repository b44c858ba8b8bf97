namespace EduGov.Infrastructure.Backups;

/// <summary>A backup or restore refused or failed for a reason the operator can act on; the message says it in Chinese.</summary>
public sealed class BackupException(string message) : Exception(message);
