using System.Security.Cryptography;

namespace Codex.Testing;

/// <summary>
/// A throw-away folder with pinned npm packages (<c>npm ci</c> from a lock file), installed once per
/// lock file and shared by every test process: the OpenID Connect provider, the OpenAPI linter.
/// </summary>
internal static class NpmFolder
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>A temp folder named after the lock file's hash (what <c>build/test.sh</c> computes too).</summary>
    public static string Named(string prefix, byte[] lockFile) =>
        Path.Combine(Path.GetTempPath(), prefix + "-" + Convert.ToHexString(SHA256.HashData(lockFile)).ToLowerInvariant()[..12]);

    /// <summary>Writes <paramref name="files"/> into the folder and runs <c>npm ci</c> unless <paramref name="package"/> is there.</summary>
    public static async Task<string> EnsureInstalledAsync(string folder, IReadOnlyDictionary<string, byte[]> files, string package)
    {
        await InstallLock.WaitAsync();
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var (name, content) in files)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder, name), content);
            }

            var marker = Path.Combine(folder, "node_modules", package, "package.json");
            if (File.Exists(marker))
            {
                return folder;
            }

            // Another test process may install at the same time: one file lock across processes.
            await using var lockFile = await OpenExclusiveAsync(Path.Combine(folder, ".install.lock"));
            if (!File.Exists(marker))
            {
                var result = await ExternalProcess.RunAsync(
                    "npm", ["ci", "--no-audit", "--no-fund", "--omit=dev"], folder, timeout: TimeSpan.FromMinutes(5));
                if (result.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci for {package} failed in {folder} (exit {result.ExitCode}):\n{result.Output}");
                }
            }

            return folder;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>An embedded resource of this assembly as bytes.</summary>
    public static byte[] Resource(string name)
    {
        using var stream = typeof(NpmFolder).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static async Task<FileStream> OpenExclusiveAsync(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
