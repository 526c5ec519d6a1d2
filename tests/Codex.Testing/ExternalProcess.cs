using System.Diagnostics;
using System.Text;

namespace Codex.Testing;

/// <summary>Runs a command line tool to completion and captures its output.</summary>
internal static class ExternalProcess
{
    internal sealed record Result(int ExitCode, string Output);

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> (no shell, no quoting issues).
    /// When <paramref name="runAsUser"/> is given, the command runs through <c>runuser -u user --</c>
    /// (only possible as root).
    /// </summary>
    public static async Task<Result> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        string? runAsUser = null,
        TimeSpan? timeout = null)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // A working directory the target user can enter: tools like initdb complain otherwise.
            WorkingDirectory = workingDirectory,
        };
        if (runAsUser is null)
        {
            startInfo.FileName = fileName;
        }
        else
        {
            startInfo.FileName = "runuser";
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add(runAsUser);
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(fileName);
        }
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"'{Describe(startInfo)}' did not finish within {timeout ?? TimeSpan.FromMinutes(2)}. Output so far:\n{Snapshot(output)}");
        }
        // The parameterless overload waits until the redirected streams are drained.
        process.WaitForExit();
        return new Result(process.ExitCode, Snapshot(output));
    }

    /// <summary>Like <see cref="RunAsync"/>, but throws when the exit code is not zero.</summary>
    public static async Task<string> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        string? runAsUser = null,
        TimeSpan? timeout = null)
    {
        var argumentList = arguments.ToList();
        var result = await RunAsync(fileName, argumentList, workingDirectory, runAsUser, timeout);
        if (result.ExitCode != 0)
        {
            var commandLine = string.Join(' ', new[] { fileName }.Concat(argumentList));
            var asUser = runAsUser is null ? "" : $" (as user '{runAsUser}')";
            throw new InvalidOperationException(
                $"'{commandLine}'{asUser} failed with exit code {result.ExitCode}:\n{result.Output}");
        }
        return result.Output;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Describe(ProcessStartInfo startInfo) =>
        string.Join(' ', new[] { startInfo.FileName }.Concat(startInfo.ArgumentList));
}
