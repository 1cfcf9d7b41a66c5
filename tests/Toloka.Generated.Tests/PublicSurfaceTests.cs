using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NUnit.Framework;

namespace Toloka.Generated.Tests
{
    /// <summary>
    /// The package's public surface holds what a user calls and catches, never the generator's
    /// plumbing (issue 12): NSwag's response helpers and its serializer settings stay internal to the
    /// generated client whatever the templates or nswag.json say next.
    /// </summary>
    [Category("PublicSurface")]
    public class PublicSurfaceTests
    {
        private static readonly string[] GeneratorHelpers =
        {
            "ReadResponseAsString",
            "ObjectResponseResult",
            "ReadObjectResponseAsync",
            "JsonSerializerSettings",
            "RequestJsonSerializerSettings",
            "ResponseJsonSerializerSettings",
        };

        private static readonly string[] HookPrefixes = { "Read", "Process", "Prepare", "Update" };

        [Test]
        public void No_generator_helper_is_public_api()
        {
            var leaks = PublicMembers()
                .Where(member => GeneratorHelpers.Contains(BareName(member.Name)))
                .Select(Describe)
                .ToList();

            Assert.That(leaks, Is.Empty, "generator helpers a user can reach");
        }

        [Test]
        public void No_public_member_named_like_a_generator_hook_unless_it_is_a_toloka_operation()
        {
            var operations = new HashSet<string>(typeof(ITolokaClient).GetMethods().Select(method => method.Name), StringComparer.Ordinal);

            var leaks = PublicMembers()
                .Where(member => HookPrefixes.Any(prefix => BareName(member.Name).StartsWith(prefix, StringComparison.Ordinal)))
                .Where(member => !(member is MethodInfo && operations.Contains(member.Name)))
                .Select(Describe)
                .ToList();

            Assert.That(leaks, Is.Empty, "public Read*/Process*/Prepare*/Update* members that are not operations");
        }

        [Test]
        public void The_generated_client_is_public_and_its_operations_are_found()
        {
            // Guards the two tests above against passing on an empty reflection result.
            var members = PublicMembers().Select(member => member.DeclaringType?.Name + "." + member.Name).ToList();

            Assert.That(members, Does.Contain("TolokaClient.ClonePoolAsync"));
            Assert.That(members, Does.Contain("TolokaClient.GetOperationAsync"));
            Assert.That(members, Does.Contain("ITolokaClient.ArchivePoolAsync"));
        }

        /// <summary>
        /// Every exported type, and every member of one that code outside the assembly can reach:
        /// public, or protected on a type it can derive from.
        /// </summary>
        private static IEnumerable<MemberInfo> PublicMembers()
        {
            const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var type in typeof(TolokaClient).Assembly.GetExportedTypes())
            {
                yield return type;
                foreach (var member in type.GetMembers(Declared))
                {
                    if (Reachable(member, type))
                    {
                        yield return member;
                    }
                }
            }
        }

        private static bool Reachable(MemberInfo member, Type type)
        {
            var derivable = !type.IsSealed && !type.IsInterface && !type.IsValueType;
            switch (member)
            {
                case MethodBase method:
                    return method.IsPublic || (derivable && (method.IsFamily || method.IsFamilyOrAssembly));
                case FieldInfo field:
                    return field.IsPublic || (derivable && (field.IsFamily || field.IsFamilyOrAssembly));
                case PropertyInfo property:
                    return property.GetAccessors(nonPublic: true).Any(accessor => Reachable(accessor, type));
                case EventInfo @event:
                    return @event.AddMethod is { } add && Reachable(add, type);
                case Type nested:
                    return nested.IsNestedPublic || (derivable && (nested.IsNestedFamily || nested.IsNestedFamORAssem));
                default:
                    return false;
            }
        }

        private static string BareName(string name)
        {
            // ObjectResponseResult`1 for a generic type.
            var tick = name.IndexOf('`');
            return tick < 0 ? name : name.Substring(0, tick);
        }

        private static string Describe(MemberInfo member) =>
            member is Type type ? type.FullName ?? type.Name : member.DeclaringType?.FullName + "." + member.Name;
    }
}
