using System;
using System.Reflection;
using System.Runtime.Serialization;
using Newtonsoft.Json.Serialization;

namespace Toloka.Generated
{
    /// <summary>
    /// Newtonsoft.Json's own contracts, except that a model's <c>[OnDeserialized]</c> check
    /// (<see cref="TolokaRequired"/>, build/templates/Class.liquid) is called through a delegate bound
    /// once per type instead of <see cref="MethodBase.Invoke(object, object[])"/>, which allocates an
    /// argument array and a boxed <see cref="StreamingContext"/> for every object read: about 64 bytes
    /// for each item of a list, a fifth of a small operation's text.
    /// </summary>
    internal sealed class TolokaContractResolver : DefaultContractResolver
    {
        internal static readonly TolokaContractResolver Instance = new TolokaContractResolver();

        private static readonly MethodInfo BindCallback = typeof(TolokaContractResolver).GetMethod(nameof(Bind), BindingFlags.NonPublic | BindingFlags.Static)!;

        protected override JsonObjectContract CreateObjectContract(Type objectType)
        {
            var contract = base.CreateObjectContract(objectType);
#if NET5_0_OR_GREATER
            if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
            {
                // Native AOT (or a process that turned dynamic code off, as the toloka tool does): Bind<T> may
                // have no code for the model's type, so Newtonsoft's own reflection call stays.
                return contract;
            }
#endif

            var callbacks = contract.OnDeserializedCallbacks;
            if (callbacks.Count == 1 && objectType.IsClass && objectType.BaseType == typeof(object) && OnlyCallback(objectType) is { } method)
            {
                // The one callback Newtonsoft found is this method: the same call, bound once.
                callbacks[0] = (SerializationCallback)BindCallback.MakeGenericMethod(objectType).Invoke(null, new object[] { method })!;
            }

            return contract;
        }

        /// <summary>The type's one <c>[OnDeserialized]</c> method taking a <see cref="StreamingContext"/>, or null.</summary>
#if NET5_0_OR_GREATER
        private static MethodInfo? OnlyCallback([System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicMethods | System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.NonPublicMethods)] Type type)
#else
        private static MethodInfo? OnlyCallback(Type type)
#endif
        {
            MethodInfo? found = null;
            foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (method.IsDefined(typeof(OnDeserializedAttribute), inherit: false))
                {
                    var parameters = method.GetParameters();
                    if (found is not null || method.ReturnType != typeof(void) || parameters.Length != 1 || parameters[0].ParameterType != typeof(StreamingContext))
                    {
                        return null;
                    }

                    found = method;
                }
            }

            return found;
        }

        private static SerializationCallback Bind<T>(MethodInfo method)
            where T : class
        {
            var call = (Action<T, StreamingContext>)Delegate.CreateDelegate(typeof(Action<T, StreamingContext>), null, method);
            return (target, context) => call((T)target, context);
        }
    }
}
