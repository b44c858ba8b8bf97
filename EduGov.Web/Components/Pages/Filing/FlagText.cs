using EduGov.Domain.Filing;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Components.Pages.Filing;

/// <summary>
/// What a flag says to a principal and a reviewer: the figure as compared and what it was compared with, in its unit: as
/// entered for a jump ("480 台"), relative to the school's size against peers and bounds ("每百名学生 48 台").
/// </summary>
public static class FlagText
{
    public static string Of(IStringLocalizer L, FilingFlag flag, QualityThresholds thresholds)
    {
        string Figure(decimal value) => L[flag.Kind == FlagKind.Jump ? $"Flag.Count.{flag.Field}" : $"Flag.Figure.{flag.Field}", value.ToString("#,0.#")];
        return flag.Kind switch
        {
            FlagKind.Jump => L["Flag.Jump", Figure(flag.Value), Figure(flag.Reference), thresholds.JumpFactor.ToString("0.#")],
            FlagKind.Peer => L["Flag.Peer", Figure(flag.Value), Figure(flag.Reference), flag.Score?.ToString("0.0") ?? ""],
            _ => L["Flag.Bounds", Figure(flag.Value), Figure(flag.Reference)],
        };
    }
}
