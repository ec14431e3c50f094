using System.Security.Cryptography;
using CareDesk.Data;

namespace CareDesk.Tests.Faults;

/// <summary>
/// A small tmpfs of the test's own, so a disk can be filled or made read-only without touching the
/// machine's. Mounting needs root (CI runs as root); where it is refused the test fails and says why,
/// it is not skipped.
/// </summary>
internal sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static async Task<TmpfsMount> CreateAsync(int megabytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "caredesk-fault-fs-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(path);
        var r = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", path);
        if (r.ExitCode != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException(
                $"FAULT TEST ENVIRONMENT: cannot mount a {megabytes} MB tmpfs at {path} (user {Environment.UserName}): {r.Output.Trim()} — "
                + "the disk-full and read-only faults need root and mount(8); this test was NOT run.");
        }
        return new TmpfsMount(path);
    }

    public Task RemountAsync(bool readOnly) => CheckedAsync("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Path);

    /// <summary>Writes a file until the filesystem refuses (ENOSPC); returns its path.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        var chunk = new byte[1 << 20];
        using var file = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
                file.Write(chunk);
        }
        catch (IOException)
        {
        }
        // The last megabyte did not fit: fill what is left to the byte.
        try
        {
            for (var size = 1 << 19; size >= 512; size /= 2)
            {
                try
                {
                    file.Write(chunk, 0, size);
                }
                catch (IOException)
                {
                }
            }
        }
        finally
        {
            try
            {
                file.Dispose();
            }
            catch (IOException)
            {
            }
        }
        return filler;
    }

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Every file below <paramref name="dir"/> with its size and SHA-256, to show a directory was not changed.</summary>
    public static SortedDictionary<string, string> Snapshot(string dir)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(f);
            files[System.IO.Path.GetRelativePath(dir, f)] = $"{stream.Length}:{Convert.ToHexString(SHA256.HashData(stream))}";
        }
        return files;
    }

    private static Task<ProcessRunner.Result> RunAsync(string file, params string[] args) =>
        ProcessRunner.RunAsync(file, args, TimeSpan.FromSeconds(30));

    private static async Task CheckedAsync(string file, params string[] args)
    {
        var r = await RunAsync(file, args);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {r.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        // Lazy: a server process that is still stopping keeps files open; the mount goes when they close.
        await RunAsync("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
