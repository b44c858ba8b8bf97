namespace EduGov.Domain.Common;

/// <summary>
/// A rule of the domain was broken. <see cref="Code"/> names the rule; the UI turns it into a localised
/// message ("Error.{Code}" in the resource files) filled with <see cref="Args"/>.
/// </summary>
public sealed class DomainException(string code, params object[] args) : Exception(code)
{
    public string Code { get; } = code;
    public object[] Args { get; } = args;
}

public static class Guard
{
    public static string Required(string? value, int maxLength, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new DomainException(ErrorCodes.Required, field);
        if (trimmed.Length > maxLength) throw new DomainException(ErrorCodes.TooLong, field, maxLength);
        return trimmed;
    }

    public static string? Optional(string? value, int maxLength, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > maxLength) throw new DomainException(ErrorCodes.TooLong, field, maxLength);
        return trimmed;
    }

    /// <summary>A score of a line worth <paramref name="max"/> points lies from 0 to that maximum: 12 on a 10-point line is refused, never cut to 10.</summary>
    public static bool ScoreInRange(decimal score, decimal max) => score >= 0 && score <= max;

    /// <summary>Refuses a score outside 0 to <paramref name="max"/>, naming the line and its maximum as people write it (10, not 10.0).</summary>
    public static decimal Score(decimal score, decimal max, string line) =>
        ScoreInRange(score, max) ? score
            : throw new DomainException(ErrorCodes.ScoreOutOfRange, line, max.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));

    public static int Year(int year, string field)
    {
        if (year is < 2000 or > 2100) throw new DomainException(ErrorCodes.YearOutOfRange, field, 2000, 2100);
        return year;
    }
}

/// <summary>Codes of <see cref="DomainException"/>; each has an "Error.{code}" resource entry.</summary>
public static class ErrorCodes
{
    public const string Required = "Required";
    public const string InvalidCron = "InvalidCron";
    public const string TooLong = "TooLong";
    public const string YearOutOfRange = "YearOutOfRange";
    public const string PeriodReversed = "PeriodReversed";
    public const string DuplicateNumber = "DuplicateNumber";
    public const string DuplicateCode = "DuplicateCode";
    public const string DuplicateTargetYear = "DuplicateTargetYear";
    public const string TargetYearOutsidePeriod = "TargetYearOutsidePeriod";
    public const string PercentOutOfRange = "PercentOutOfRange";
    public const string NegativeValue = "NegativeValue";
    public const string MetricRequired = "MetricRequired";
    public const string UnknownMetric = "UnknownMetric";
    public const string PeriodExcludesItems = "PeriodExcludesItems";
    public const string NotFound = "NotFound";
    public const string ConcurrentEdit = "ConcurrentEdit";
    public const string TaskInUse = "TaskInUse";
    public const string ValueNotAllowedForComputed = "ValueNotAllowedForComputed";
    public const string YearInFuture = "YearInFuture";
    public const string RoleUnitMismatch = "RoleUnitMismatch";
    public const string UserNameTaken = "UserNameTaken";
    public const string PasswordRejected = "PasswordRejected";
    public const string ValueTooLarge = "ValueTooLarge";
    public const string PartExceedsWhole = "PartExceedsWhole";
    public const string FilingIncomplete = "FilingIncomplete";
    public const string FilingInvalid = "FilingInvalid";
    public const string FilingWrongState = "FilingWrongState";
    public const string FilingUnexplained = "FilingUnexplained";
    public const string ReturnNeedsReason = "ReturnNeedsReason";
    public const string ThresholdOutOfRange = "ThresholdOutOfRange";
    public const string PeriodNotOpen = "PeriodNotOpen";
    public const string PeriodDatesReversed = "PeriodDatesReversed";
    public const string FileTypeNotAllowed = "FileTypeNotAllowed";
    public const string FileTooLarge = "FileTooLarge";
    public const string FileContentMismatch = "FileContentMismatch";
    public const string FileEmpty = "FileEmpty";
    public const string FileDamaged = "FileDamaged";
    public const string OfficeContentNotAllowed = "OfficeContentNotAllowed";
    public const string OfficeUnpacksTooLarge = "OfficeUnpacksTooLarge";
    public const string ImportNotXlsx = "ImportNotXlsx";
    public const string ImportMissingColumn = "ImportMissingColumn";
    public const string ImportUnknownSchool = "ImportUnknownSchool";
    public const string ImportDuplicateSchool = "ImportDuplicateSchool";
    public const string ImportNotANumber = "ImportNotANumber";
    public const string ImportNotYesNo = "ImportNotYesNo";
    public const string ImportBadWireless = "ImportBadWireless";
    public const string ImportEmpty = "ImportEmpty";
    public const string ImportNotTable = "ImportNotTable";
    public const string ImportUnpacksTooLarge = "ImportUnpacksTooLarge";
    public const string ImportRepeatedColumn = "ImportRepeatedColumn";
    public const string ImportTooManyRows = "ImportTooManyRows";
    public const string ImportFormula = "ImportFormula";
    public const string IdNumberInvalid = "IdNumberInvalid";
    public const string HoursOutOfRange = "HoursOutOfRange";
    public const string PracticeAboveHours = "PracticeAboveHours";
    public const string DateInFuture = "DateInFuture";
    public const string ImportUnknownTeacher = "ImportUnknownTeacher";
    public const string ImportUnknownCourse = "ImportUnknownCourse";
    public const string ImportBadDate = "ImportBadDate";
    public const string ImportDuplicateCertificate = "ImportDuplicateCertificate";
    public const string CertificateConflict = "CertificateConflict";
    public const string PlanHasValues = "PlanHasValues";
    public const string IndicatorHasValues = "IndicatorHasValues";
    public const string CertificateTaken = "CertificateTaken";
    public const string StaffNumberTaken = "StaffNumberTaken";
    public const string CourseInUse = "CourseInUse";
    public const string NotATrainingIndicator = "NotATrainingIndicator";
    public const string RuleExists = "RuleExists";
    public const string ImportUnknownValue = "ImportUnknownValue";
    public const string ImportDuplicateTeacher = "ImportDuplicateTeacher";
    public const string ImportTeacherNameMismatch = "ImportTeacherNameMismatch";
    public const string ImportRecordNameMismatch = "ImportRecordNameMismatch";
    public const string RubricInUse = "RubricInUse";
    public const string ScoreOutOfRange = "ScoreOutOfRange";
    public const string ScoresIncomplete = "ScoresIncomplete";
    public const string DuplicateCriterion = "DuplicateCriterion";
    public const string ProgrammeClosed = "ProgrammeClosed";
    public const string WrongApplicant = "WrongApplicant";
    public const string AlreadyApplied = "AlreadyApplied";
    public const string ApplicationWrongState = "ApplicationWrongState";
    public const string NotAReviewer = "NotAReviewer";
    public const string ReviewIncomplete = "ReviewIncomplete";
    public const string DesignationRevoked = "DesignationRevoked";
    public const string ReportExists = "ReportExists";
    public const string ReportMissing = "ReportMissing";
    public const string ReportDecided = "ReportDecided";
    public const string NotADesignationIndicator = "NotADesignationIndicator";
    public const string LevelOutOfRange = "LevelOutOfRange";
    public const string DeadlinePassed = "DeadlinePassed";
    public const string RemediationWrongState = "RemediationWrongState";
    public const string SameReviewer = "SameReviewer";
    public const string ChecklistItemRetired = "ChecklistItemRetired";
    public const string ChecklistIncomplete = "ChecklistIncomplete";
    public const string NotInspectable = "NotInspectable";
    public const string InspectionWrongState = "InspectionWrongState";
    public const string RectificationWrongState = "RectificationWrongState";
    public const string ResponsibleUnitOutside = "ResponsibleUnitOutside";
    public const string DeadlineBeforeInspection = "DeadlineBeforeInspection";
    public const string EvidenceRequired = "EvidenceRequired";
    public const string AlreadyHandled = "AlreadyHandled";
    public const string UrgingTargetNotAllowed = "UrgingTargetNotAllowed";
    public const string UrgingWrongState = "UrgingWrongState";
    public const string UrgingDeadlinePassed = "UrgingDeadlinePassed";
    public const string UrgingDeadlineTooFar = "UrgingDeadlineTooFar";
    public const string UrgingSubjectMismatch = "UrgingSubjectMismatch";
    public const string ChannelKindFixed = "ChannelKindFixed";
    public const string SmtpPortInvalid = "SmtpPortInvalid";
    public const string EmailInvalid = "EmailInvalid";
    public const string WebhookUrlInvalid = "WebhookUrlInvalid";
    public const string DeliveryWrongState = "DeliveryWrongState";
    public const string ApiClientDays = "ApiClientDays";
    public const string ApiClientPermissions = "ApiClientPermissions";
    public const string ApiClientRevoked = "ApiClientRevoked";
    public const string ApiClientNameTaken = "ApiClientNameTaken";
    public const string UnknownUnitCode = "UnknownUnitCode";
}
