using EduGov.Domain.Notifications;
using Microsoft.AspNetCore.DataProtection;

namespace EduGov.Infrastructure.Notifications;

/// <summary>
/// Keeps the channels' secrets (robot addresses with their keys, 加签 secrets, SMTP passwords) encrypted in the database
/// with the portal's Data Protection keys, which are themselves encrypted with its certificate: a copy of the database
/// alone reveals none of them.
/// </summary>
public sealed class ChannelProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("EduGov.Notifications.ChannelSecrets.v1");

    public ProtectedSecret Protect(string plain, string? hint = null) => new(_protector.Protect(plain), hint);

    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);

    public string? UnprotectOrNull(string? protectedValue) => protectedValue is null ? null : Unprotect(protectedValue);
}
