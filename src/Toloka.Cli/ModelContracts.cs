using System;
using System.Collections.Generic;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Toloka.Cli
{
    /// <summary>
    /// Builds Newtonsoft.Json's contracts for the models a command is about to read (the model, its nested
    /// models, their getters and setters) on a thread-pool thread, while the command opens its session and
    /// waits for Toloka's answer: the answer then binds to ready contracts. In a process that reads one
    /// answer and exits, building them is the largest part of reading it (BENCHMARKS.md, "Start-up of the
    /// installed tool"). They are the contracts of Newtonsoft.Json's shared default resolver, the one the
    /// client's serializer uses, so nothing is built twice; a failure here is left for the real read to meet.
    /// </summary>
    internal static class ModelContracts
    {
        // Deeper than any model's nesting in the spec; bounds the walk whatever the models become.
        private const int MaxDepth = 8;

        public static void PrepareInBackground(params Type[] models) =>
            ThreadPool.UnsafeQueueUserWorkItem(static state => Prepare((Type[])state!), models);

        private static void Prepare(Type[] models)
        {
            var resolver = JsonSerializer.CreateDefault().ContractResolver;
            var seen = new HashSet<Type>();
            foreach (var model in models)
            {
                try
                {
                    Prepare(resolver, model, seen, 0);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Whatever goes wrong here must not end the process from a thread-pool thread: the
                    // answer's own read builds what is missing and reports what is wrong.
                }
            }
        }

        private static void Prepare(IContractResolver resolver, Type type, HashSet<Type> seen, int depth)
        {
            if (depth > MaxDepth || !seen.Add(type))
            {
                return;
            }

            switch (resolver.ResolveContract(type))
            {
                case JsonObjectContract model:
                    // A throwaway instance: reading each property and writing back what it read builds the
                    // getter and setter the answer's read and the JSON output use, and changes nothing.
                    var instance = model.DefaultCreator?.Invoke();
                    foreach (var property in model.Properties)
                    {
                        if (property.Ignored || property.PropertyType is null)
                        {
                            continue;
                        }

                        if (instance is not null && property.Readable && property.ValueProvider is { } values)
                        {
                            var value = values.GetValue(instance);
                            if (property.Writable)
                            {
                                values.SetValue(instance, value);
                            }
                        }

                        Prepare(resolver, property.PropertyType, seen, depth + 1);
                    }

                    break;
                case JsonArrayContract { CollectionItemType: { } item }:
                    Prepare(resolver, item, seen, depth + 1);
                    break;
                case JsonDictionaryContract { DictionaryValueType: { } value }:
                    Prepare(resolver, value, seen, depth + 1);
                    break;
            }
        }
    }
}
