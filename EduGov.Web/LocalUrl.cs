using System.Text;

namespace EduGov.Web;

/// <summary>
/// The one rule for following a return URL after sign-in, the second factor or the language switch: only a path of this
/// site, otherwise home (no open redirect, ASVS 5.0 V3.7.2). ASP.NET's own IsLocalUrl rules: "/" or "/x" but not "//x" or
/// "/\x" (browsers read both as another host), "~/x" likewise, and no control characters.
/// </summary>
public static class LocalUrl
{
    public static string OrHome(string? url)
    {
        var path = url switch
        {
            ['/'] => url,
            ['/', var next, ..] when next is not ('/' or '\\') => url,
            ['~', '/'] => "/",
            ['~', '/', var next, ..] when next is not ('/' or '\\') => url[1..], // the portal runs at the root
            _ => null,
        };
        if (path is null || path.Any(char.IsControl)) return "/";
        // A redirect's Location is a header, and Kestrel refuses non-ASCII in one (answering 500): percent-encode such
        // characters as a browser would.
        return path.All(char.IsAscii) ? path : Encode(path);
    }

    private static string Encode(string path)
    {
        var encoded = new StringBuilder();
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                encoded.Append((char)rune.Value);
                continue;
            }
            foreach (var b in bytes[..rune.EncodeToUtf8(bytes)]) encoded.Append('%').Append(b.ToString("X2"));
        }
        return encoded.ToString();
    }
}
