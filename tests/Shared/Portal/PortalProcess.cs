using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EduGov.Tests;

/// <summary>
/// One running portal: the built EduGov.Web on a free local port with the given settings (environment variables), its
/// output written to a log file (emptied when the object is made). It can be killed as a crashed machine dies (no
/// shutdown, no goodbye to the cluster) and started again on the same port. The browser tests and the browser benchmark
/// start theirs with it.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _logFile;
    private Process? _process;
    private readonly Queue<string> _lastLines = new();

    public PortalProcess(IReadOnlyDictionary<string, string> settings, string logFile)
    {
        (_settings, _logFile) = (settings, logFile);
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        File.WriteAllText(logFile, "");
    }

    /// <summary>The repository's root (where EduGov.sln is), found above the running test or benchmark.</summary>
    public static string Root { get; } = FindRoot();

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort()}";

    /// <summary>The running portal's resident memory.</summary>
    public double ResidentMb =>
        double.Parse(File.ReadLines($"/proc/{_process!.Id}/status").First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;

    /// <summary>The processor time the running portal has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process!.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async Task StartAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var web = Path.Combine(Root, "EduGov.Web");
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "EduGov.Web.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseUrl, "--contentRoot", web])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in _settings) start.Environment[name] = value;
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the portal first: dotnet build EduGov.Web -c {configuration}", dll);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
    }

    /// <summary>SIGKILL to the portal and its children (the printing browser): what a power cut does.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false }) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"The portal exited with {_process.ExitCode}:\n{string.Join('\n', _lastLines)}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The portal did not become healthy in 120 s:\n{string.Join('\n', _lastLines)}");
    }

    /// <summary>Keeps the last lines for the message when the portal fails to start, and all of them in the log file.</summary>
    private void Log(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            File.AppendAllLines(_logFile, [line]);
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40) _lastLines.Dequeue();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EduGov.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("EduGov.sln not found above " + AppContext.BaseDirectory);
    }
}
