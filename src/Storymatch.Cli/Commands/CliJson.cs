using System.Text.Json.Serialization;

namespace Storymatch.Cli.Commands;

/// <summary>Source-generated JSON for command output (snake_case names, as the CLI's JSON contract uses).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IngestJson))]
[JsonSerializable(typeof(DuplicatePairJson))]
[JsonSerializable(typeof(StoryLineJson))]
[JsonSerializable(typeof(StoryJson))]
[JsonSerializable(typeof(BoilerplateJson))]
[JsonSerializable(typeof(Storymatch.Matching.RelationEvidence))]
[JsonSerializable(typeof(Storymatch.Comparison.StoryComparison))]
internal sealed partial class CliJson : JsonSerializerContext;
