using System.Text.Json.Serialization;

namespace Storymatch.Storage;

/// <summary>Source-generated JSON for the store's JSON columns (the library is trimming/AOT-safe).</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(LearnedLineJson[]))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class StorageJson : JsonSerializerContext;

/// <summary>A learned boilerplate line as the store's JSON column holds it.</summary>
internal sealed record LearnedLineJson(string Text, long Documents, string LearnedAt);
