using System.Resources;
using EduGov.Domain.Common;
using Microsoft.Extensions.Localization;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace EduGov.Web;

/// <summary>Marker for Resources/SharedResource.resx (zh-CN, the neutral language) and SharedResource.en-US.resx.</summary>
public sealed class SharedResource;

public static class LocalizerExtensions
{
    /// <summary>The message for a broken domain rule, with field names translated too.</summary>
    public static string Error(this IStringLocalizer localizer, DomainException error)
    {
        var args = error.Args.Select(a => a switch
        {
            string s when localizer[$"Field.{s}"] is { ResourceNotFound: false } field => field.Value,
            string s when localizer[$"Survey.{s}"] is { ResourceNotFound: false } survey => survey.Value,
            Enum e when localizer[$"Enum.{e.GetType().Name}.{e}"] is { ResourceNotFound: false } name => name.Value,
            _ => a,
        }).ToArray();
        var message = localizer[$"Error.{error.Code}", args];
        return message.ResourceNotFound ? error.Code : message.Value;
    }

    /// <summary>Display text of an enum value: resource "Enum.{Type}.{Value}".</summary>
    public static string Enum<T>(this IStringLocalizer localizer, T value) where T : struct, System.Enum =>
        localizer[$"Enum.{typeof(T).Name}.{value}"];
}
