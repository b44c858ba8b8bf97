using EduGov.Domain.Common;

namespace EduGov.Domain.Training;

/// <summary>A completed course: the hours it credits to one teacher, identified by the certificate number.</summary>
public sealed class TrainingRecord
{
    private TrainingRecord() { }

    public long Id { get; private set; }
    public int TeacherId { get; private set; }
    public int CourseId { get; private set; }
    public DateOnly CompletedOn { get; private set; }
    public decimal Hours { get; private set; }
    public decimal PracticeHours { get; private set; }
    /// <summary>证书编号, unique: the same certificate imported twice is one record.</summary>
    public string CertificateNumber { get; private set; } = "";

    public static TrainingRecord Create(int teacherId, int courseId, DateOnly completedOn, decimal hours, decimal practiceHours, string certificateNumber, DateOnly today)
    {
        TrainingHours.Check(hours, practiceHours);
        if (completedOn > today) throw new DomainException(ErrorCodes.DateInFuture, completedOn);
        return new TrainingRecord
        {
            TeacherId = teacherId, CourseId = courseId, CompletedOn = completedOn, Hours = hours, PracticeHours = practiceHours,
            CertificateNumber = Guard.Required(certificateNumber, 40, "CertificateNumber"),
        };
    }
}
