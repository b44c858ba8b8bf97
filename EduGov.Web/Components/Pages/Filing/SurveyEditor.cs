using System.Reflection;
using EduGov.Domain.Filing;

namespace EduGov.Web.Components.Pages.Filing;

/// <summary>
/// The state a filing form shares with its fields: the survey being edited, the rule violations found as the user
/// types (<see cref="SurveyRules"/>, the same checks the server runs), and the empty fields once a submit was tried.
/// </summary>
public sealed class SurveyEditor
{
    private static readonly Dictionary<string, PropertyInfo> Properties =
        typeof(SchoolSurvey).GetProperties().ToDictionary(p => p.Name);
    private static readonly MethodInfo Clone = typeof(SchoolSurvey).GetMethod("<Clone>$")!;

    public SchoolSurvey Survey { get; private set; } = new();
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public IReadOnlySet<string> Missing { get; private set; } = new HashSet<string>();
    public bool ReadOnly { get; set; }
    public bool Dirty { get; private set; }
    public event Action? Changed;

    public void Load(SchoolSurvey survey, bool readOnly)
    {
        Survey = survey;
        ReadOnly = readOnly;
        Dirty = false;
        Missing = new HashSet<string>();
        Errors = SurveyRules.Validate(survey);
    }

    public Type TypeOf(string field) => Properties[field].PropertyType;

    public object? Get(string field) => Properties[field].GetValue(Survey);

    public void Set(string field, object? value)
    {
        var copy = (SchoolSurvey)Clone.Invoke(Survey, null)!;
        Properties[field].SetValue(copy, value);
        Survey = copy;
        Dirty = true;
        Errors = SurveyRules.Validate(Survey);
        if (value is not null && Missing.Contains(field)) Missing = Missing.Where(f => f != field).ToHashSet();
        Changed?.Invoke();
    }

    /// <summary>Marks every empty field, for when the user tries to submit an incomplete form.</summary>
    public void ShowMissing()
    {
        Missing = SurveyRules.Missing(Survey).ToHashSet();
        Changed?.Invoke();
    }

    public FieldError? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field);
}
