using System.Text.Json.Serialization;

namespace Storymatch.Storage;

/// <summary>Source-generated JSON for the store's JSON columns (the library is trimming/AOT-safe).</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StorageJson : JsonSerializerContext;
