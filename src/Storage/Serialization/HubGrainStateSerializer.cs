using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;

namespace Lapor.Hub.Storage;

/// <summary>
/// Grain state as plain JSON: no .NET type names, enums as strings, unknown properties ignored and missing ones
/// left at their defaults. A state class can be renamed or moved, and gain or lose properties, without orphaning rows.
/// </summary>
/// <remarks>
/// Properties with a non-public setter are written and read too. Abstract or interface-typed members cannot be read
/// back (no type names are stored): keep state classes concrete.
/// </remarks>
public sealed class HubGrainStateSerializer : IGrainStorageSerializer
{
    /// <summary>The settings used for grain state; exposed so tests and tools read rows the same way.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, JsonOptions));

    public T? Deserialize<T>(BinaryData input) =>
        input.ToMemory().IsEmpty ? default : JsonSerializer.Deserialize<T>(input.ToMemory().Span, JsonOptions);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { IncludeNonPublicSetters } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void IncludeNonPublicSetters(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is null && property.AttributeProvider is System.Reflection.PropertyInfo info
                && info.GetSetMethod(nonPublic: true) is { } setter)
            {
                property.Set = (target, value) => setter.Invoke(target, [value]);
            }
        }
    }
}
