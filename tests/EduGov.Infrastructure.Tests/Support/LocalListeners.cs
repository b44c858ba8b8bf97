using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EduGov.Infrastructure.Tests.Support;

/// <summary>
/// A group robot on the loopback address (never an outside host): records every request and answers the first
/// <paramref name="failures"/> with 500, then as 企业微信 and 钉钉 do, 200 {"errcode":0,"errmsg":"ok"}.
/// </summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _failuresLeft;

    public sealed record Request(string PathAndQuery, string ContentType, string Body);

    public WebhookListener(int failures = 0)
    {
        _failuresLeft = failures;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>The robot's address, as an administrator would paste it (its key in the query).</summary>
    public string Url(string path = "/cgi-bin/webhook/send?key=3f2a-robot-key-9c1d") => $"http://127.0.0.1:{Port}{path}";

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>What the robot answers once the failures are used up (a refusal with errcode, say).</summary>
    public string Answer { get; set; } = """{"errcode":0,"errmsg":"ok"}""";

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            Requests.Enqueue(new Request(context.Request.Url!.PathAndQuery, context.Request.ContentType ?? "", await reader.ReadToEndAsync()));
            var fail = Interlocked.Decrement(ref _failuresLeft) >= 0;
            context.Response.StatusCode = fail ? 500 : 200;
            var answer = Encoding.UTF8.GetBytes(fail ? "robot down" : Answer);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (Exception) { /* stopped */ }
    }
}

/// <summary>
/// The least of an SMTP server on the loopback address: greets, accepts EHLO/HELO, MAIL, RCPT, DATA and QUIT, and keeps
/// each message's envelope and text.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public sealed record Message(string From, IReadOnlyList<string> To, string Data);

    public SmtpListener()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public ConcurrentQueue<Message> Messages { get; } = new();

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 127.0.0.1 ESMTP test");
        string from = "";
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                case "HELO":
                    await writer.WriteLineAsync("250 127.0.0.1");
                    break;
                case "MAIL":
                    from = line[(line.IndexOf(':') + 1)..].Trim().Trim('<', '>');
                    to.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    to.Add(line[(line.IndexOf(':') + 1)..].Trim().Trim('<', '>'));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..") ? dataLine[1..] : dataLine).Append("\r\n");
                    Messages.Enqueue(new Message(from, [.. to], data.ToString()));
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                case "RSET":
                case "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (Exception) { /* stopped */ }
    }
}
