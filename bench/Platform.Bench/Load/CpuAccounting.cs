using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench.Load;

/// <summary>
/// Where the machine's processor time went during a load phase, from Linux's own accounting (<c>/proc</c>): the cores
/// the system under test used, PostgreSQL's server processes, this harness (the load's clients, and the baseline's web
/// app, which runs in it), and the whole machine (other work on it included). On a machine of few cores the clients
/// and the server share them, so this says which one ran out.
/// </summary>
public sealed class CpuAccounting
{
    /// <summary>USER_HZ, the unit of /proc's times: 100 on every Linux the benchmark runs on (<c>getconf CLK_TCK</c>).</summary>
    private const double TicksPerSecond = 100;

    private readonly IReadOnlyCollection<int> _system;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly (double System, double Postgres, double Harness, double Machine) _start;

    private CpuAccounting(IReadOnlyCollection<int> system)
    {
        _system = system;
        _start = Read();
    }

    /// <param name="system">The processes of the system under test (none for the baseline, which runs in the harness).</param>
    public static CpuAccounting Start(IReadOnlyCollection<int> system) => new(system);

    public CpuUse Stop()
    {
        var end = Read();
        var seconds = _watch.Elapsed.TotalSeconds;
        double Cores(double from, double to) => (to - from) / TicksPerSecond / seconds;
        return new CpuUse(Cores(_start.System, end.System), Cores(_start.Postgres, end.Postgres), Cores(_start.Harness, end.Harness),
            Cores(_start.Machine, end.Machine), Environment.ProcessorCount);
    }

    private (double System, double Postgres, double Harness, double Machine) Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return default;
        }

        double postgres = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && Comm(pid) == "postgres")
            {
                postgres += Ticks(pid);
            }
        }

        // The first line of /proc/stat: user nice system idle iowait irq softirq steal …; busy is all but idle and iowait.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var machine = fields.Take(8).Sum() - fields[3] - fields[4];
        return (_system.Sum(Ticks), postgres, Ticks(Environment.ProcessId), machine);
    }

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>User and system time of the process, in clock ticks; 0 once it is gone.</summary>
    private static double Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
