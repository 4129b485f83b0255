namespace Storymatch.Tests.Stories;

/// <summary>The five seed versions of one story in ../shared/seeds, in file order (000 ... 004).</summary>
internal static class SeedFiles
{
    public static string[] PathsOrSkip()
    {
        string dir = TestPaths.SharedOrSkip("seeds");
        string[] files = [.. Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal)];
        if (files.Length != 5)
        {
            Assert.Skip($"{dir}: expected 5 seed files, found {files.Length}.");
        }

        return files;
    }

    public static string[] TextsOrSkip() => [.. PathsOrSkip().Select(File.ReadAllText)];
}
