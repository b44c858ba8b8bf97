using Microsoft.Extensions.Localization;
using MudBlazor;

namespace EduGov.Web.Components.Layout;

/// <summary>
/// MudBlazor's own words (its pager's buttons, a nav group's "Toggle …", a dialog's close button, a date picker's
/// arrows) in the page's language, from the "Mud.{key}" resources; a key not there keeps MudBlazor's English.
/// </summary>
public sealed class PortalMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] =>
        localizer[$"Mud.{key}"] is { ResourceNotFound: false } text ? new LocalizedString(key, text.Value) : new LocalizedString(key, key, resourceNotFound: true);
}
