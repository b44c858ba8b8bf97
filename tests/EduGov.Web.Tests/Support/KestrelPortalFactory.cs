namespace EduGov.Web.Tests.Support;

/// <summary>
/// The portal on real Kestrel (a free local port) instead of the in-memory server: Kestrel refuses a header it cannot
/// send (a non-ASCII Location answered 500) and writes the Server header, both of which the in-memory server never does.
/// </summary>
public sealed class KestrelPortalFactory : PortalFactory
{
    public KestrelPortalFactory()
    {
        UseKestrel(0);
        // Started now, so that ClientOptions.BaseAddress is the server's address before the first client is made.
        StartServer();
    }

    /// <summary>Over a socket the factory's own client follows redirects whatever its options say: this one shows them.</summary>
    public override HttpClient Anonymous() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = ClientOptions.BaseAddress };
}
