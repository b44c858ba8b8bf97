using System.Reflection;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;

namespace EduGov.Web.Components.Pages.Filing;

/// <summary>
/// The state a filing form shares with its fields: the survey being edited, the rule violations found as the user
/// types (<see cref="SurveyRules"/>, the same checks the server runs), the empty fields once a submit was tried, the
/// figures that look wrong (<see cref="FilingChecks"/>, again the server's own) with the principal's explanations,
/// and the figures the district returned.
/// </summary>
public sealed class SurveyEditor
{
    private static readonly Dictionary<string, PropertyInfo> Properties =
        typeof(SchoolSurvey).GetProperties().ToDictionary(p => p.Name);
    private static readonly MethodInfo Clone = typeof(SchoolSurvey).GetMethod("<Clone>$")!;

    /// <summary>The form's sections, in the order of the plans' wording; units shown beside the numbers.</summary>
    public static readonly (string Section, (string Field, string? Unit)[] Fields)[] Sections =
    [
        ("Network", [(nameof(SchoolSurvey.DownlinkMbps), "Mbps"), (nameof(SchoolSurvey.UplinkMbps), "Mbps"), (nameof(SchoolSurvey.HasFibre), null),
            (nameof(SchoolSurvey.HasIpv6), null), (nameof(SchoolSurvey.Wireless), null)]),
        ("Equipment", [(nameof(SchoolSurvey.Classrooms), null), (nameof(SchoolSurvey.MultimediaClassrooms), null), (nameof(SchoolSurvey.InteractiveClassrooms), null),
            (nameof(SchoolSurvey.SmartClassrooms), null), (nameof(SchoolSurvey.StudentTerminals), null), (nameof(SchoolSurvey.TeacherTerminals), null),
            (nameof(SchoolSurvey.MakerSpaces), null)]),
        ("Spaces", [(nameof(SchoolSurvey.Teachers), null), (nameof(SchoolSurvey.TeachersWithSpace), null), (nameof(SchoolSurvey.StudentsGrade3Up), null),
            (nameof(SchoolSurvey.StudentsWithSpace), null)]),
        ("Classrooms", [(nameof(SchoolSurvey.UsesSpecialDelivery), null), (nameof(SchoolSurvey.UsesFamousTeacher), null), (nameof(SchoolSurvey.UsesFamousSchool), null),
            (nameof(SchoolSurvey.ProgrammingHours), null)]),
        ("Safety", [(nameof(SchoolSurvey.SurveillancePoints), null), (nameof(SchoolSurvey.SurveillancePointsConnected), null), (nameof(SchoolSurvey.CanteenConnected), null),
            (nameof(SchoolSurvey.GateConnected), null), (nameof(SchoolSurvey.PlaygroundConnected), null), (nameof(SchoolSurvey.HasCampusSystem), null)]),
    ];

    private readonly Dictionary<string, string?> _explanations = [];
    private CheckBasis? _basis;
    private SchoolProfile? _profile;

    public SchoolSurvey Survey { get; private set; } = new();
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public IReadOnlySet<string> Missing { get; private set; } = new HashSet<string>();
    public IReadOnlyList<FilingFlag> Flags { get; private set; } = [];
    /// <summary>Field → the district's reason, when it returned the filing naming figures.</summary>
    public IReadOnlyDictionary<string, string> Returned { get; private set; } = new Dictionary<string, string>();
    public QualityThresholds Thresholds => _basis?.Thresholds ?? QualityThresholds.Default;
    public IReadOnlyDictionary<string, string?> Explanations => _explanations;
    public bool ReadOnly { get; set; }
    public bool Dirty { get; private set; }
    /// <summary>A submit was tried: empty fields and unexplained flags are marked from now on.</summary>
    public bool SubmitTried { get; private set; }
    public event Action? Changed;

    public void Load(SchoolSurvey survey, bool readOnly) => Load(survey, readOnly, null, null, [], []);

    /// <param name="basis">What the figures are checked against as the user types; null checks nothing and shows <paramref name="flags"/> as saved.</param>
    public void Load(SchoolSurvey survey, bool readOnly, CheckBasis? basis, SchoolProfile? profile, IReadOnlyList<FilingFlag> flags, IReadOnlyList<ReturnedField> returned)
    {
        Survey = survey;
        ReadOnly = readOnly;
        Dirty = false;
        SubmitTried = false;
        Missing = new HashSet<string>();
        Errors = SurveyRules.Validate(survey);
        (_basis, _profile) = readOnly ? (null, null) : (basis, profile);
        _explanations.Clear();
        foreach (var flag in flags) _explanations[flag.Field] = flag.Explanation;
        Flags = flags;
        Recheck();
        Returned = returned.ToDictionary(r => r.Field, r => r.Reason);
        Changed?.Invoke();   // the fields redraw only when told: their own parameters have not changed
    }

    public FilingFlag? FlagOf(string field) => Flags.FirstOrDefault(f => f.Field == field);

    /// <summary>Flagged figures still without an explanation.</summary>
    public int Unexplained => Flags.Count(f => f.Explanation is null);

    public void Explain(string field, string? text)
    {
        _explanations[field] = text;
        Dirty = true;
        Recheck();
        Changed?.Invoke();
    }

    private void Recheck()
    {
        if (_basis is null || _profile is null) return;
        Flags = FilingChecks.Explain(_basis.Check(Survey, _profile), _explanations);   // the input's MaxLength keeps each within the limit
    }

    public Type TypeOf(string field) => Properties[field].PropertyType;

    public object? Get(string field) => Properties[field].GetValue(Survey);

    public static object? Value(SchoolSurvey? survey, string field) => survey is null ? null : Properties[field].GetValue(survey);

    public void Set(string field, object? value)
    {
        var copy = (SchoolSurvey)Clone.Invoke(Survey, null)!;
        Properties[field].SetValue(copy, value);
        Survey = copy;
        Dirty = true;
        Errors = SurveyRules.Validate(Survey);
        Recheck();
        if (value is not null && Missing.Contains(field)) Missing = Missing.Where(f => f != field).ToHashSet();
        Changed?.Invoke();
    }

    /// <summary>Marks every empty field, for when the user tries to submit an incomplete form.</summary>
    public void ShowMissing()
    {
        Missing = SurveyRules.Missing(Survey).ToHashSet();
        SubmitTried = true;
        Changed?.Invoke();
    }

    public FieldError? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field);
}
