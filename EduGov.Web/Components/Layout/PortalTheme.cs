using MudBlazor;

namespace EduGov.Web.Components.Layout;

public static class PortalTheme
{
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F4E8C",
            Secondary = "#C8102E",
            AppbarBackground = "#1F4E8C",
            // Material's default status colours carry white 12 px text at 2.2–3.7:1; these darker shades reach 5:1 or more
            // (WCAG 2.1 AA and GB/T 37668-2019 ask 4.5:1), and a status always has its word beside the colour.
            Success = "#2E7D32",
            Info = "#1565C0",
            Warning = "#A15C00",
            Error = "#C62828",
            // Secondary text (captions, hints) on a highlighted row: Material's 54% black falls to 4.3:1 there, this is 5.5:1 (6:1 on white).
            TextSecondary = "#5F6368",
        },
    };
}
