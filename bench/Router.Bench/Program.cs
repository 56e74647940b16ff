using BenchmarkDotNet.Running;

namespace MiniPaas.Router.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Router.Bench -- --filter '*' --job short</c>.
/// Benchmarks run in-process: the assembly name (MiniPaas.Router.Bench) differs from the project file name,
/// which BenchmarkDotNet's out-of-process toolchain cannot find.
/// </summary>
internal static class BenchProgram
{
    // A named class: the router's own top-level Program is visible here through InternalsVisibleTo.
    public static void Main(string[] args)
    {
        var arguments = args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) ? args : [.. args, "--inProcess"];
        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(arguments);
    }
}
