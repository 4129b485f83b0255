using Storymatch.Tests.Storage;

namespace Storymatch.Tests.Stories;

/// <summary>A database with a raw writer (documents in a given order, no fingerprints) and the engine over the same file.</summary>
internal sealed class StoryHarness : IDisposable
{
    private StoryHarness(string path)
    {
        Store = TestStore.Open(path);
        Engine = StorymatchEngine.Open(new StorymatchOptions { DatabasePath = path });
    }

    public TestStore Store { get; }

    public StorymatchEngine Engine { get; }

    public static StoryHarness Open(string path) => new(path);

    public void Dispose()
    {
        Engine.Dispose();
        Store.Dispose();
    }
}
