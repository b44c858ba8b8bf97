using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EduGov.Infrastructure.Common;

/// <summary>
/// The certificate that encrypts the Data Protection keys kept in the database: with those keys a cookie can be forged, so a
/// copy of the database alone must not hold them in clear. Production gives its own (EduGov:DataProtection:CertificatePath,
/// the same file on every instance); the embedded default makes one under its keys folder.
/// </summary>
public static class DataProtectionCertificate
{
    public static X509Certificate2 Load(EduGovOptions options)
    {
        const X509KeyStorageFlags flags = X509KeyStorageFlags.EphemeralKeySet;
        if (options.DataProtection.CertificatePath is { Length: > 0 } path)
            return X509CertificateLoader.LoadPkcs12FromFile(path, options.DataProtection.CertificatePassword, flags);
        var pfx = KeyFiles.ReadOrCreate(options.KeysPath, "data-protection.pfx", () =>
        {
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=EduGov Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
            return certificate.Export(X509ContentType.Pkcs12);
        });
        return X509CertificateLoader.LoadPkcs12(pfx, null, flags);
    }
}
