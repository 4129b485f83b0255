namespace Storymatch.Tests;

/// <summary>Locates the repository, its samples/ and the ../shared folder that CI places beside the clone.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding Storymatch.slnx.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string Samples => Path.Combine(RepositoryRoot, "samples");

    /// <summary>../shared relative to the repository root, or null when absent.</summary>
    public static string? Shared
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
            if (Directory.Exists(path))
            {
                return path;
            }

            // Worktrees live one level deeper than a plain clone; look one folder further up too.
            path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "..", "shared"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>A path inside ../shared, or a skip of the calling test with a message saying what is missing.</summary>
    public static string SharedOrSkip(params string[] parts)
    {
        string? shared = Shared;
        if (shared is null)
        {
            Assert.Skip("../shared not found beside the repository: this test needs the shared data sets.");
        }

        string path = Path.Combine([shared, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Skip($"{path} not found: this test needs it.");
        }

        return path;
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Storymatch.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Storymatch.slnx not found above " + AppContext.BaseDirectory);
    }
}
