using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>
    /// The check a generated model runs after it is read (build/templates/Class.liquid): a property the
    /// spec requires must have been in the JSON and must not be null. The exceptions are the ones
    /// Newtonsoft's <c>Required.Always</c> throws, so every caller sees the same failure.
    /// </summary>
    internal static class TolokaRequired
    {
        internal static void Check<T>(long seen, long bit, T value, string name)
        {
            if ((seen & bit) == 0)
            {
                throw new JsonSerializationException("Required property '" + name + "' not found in JSON.");
            }

            // Generic, so a value-type property is never boxed and the test compiles to false for it.
            if (value is null)
            {
                throw new JsonSerializationException("Required property '" + name + "' expects a non-null value.");
            }
        }
    }
}
