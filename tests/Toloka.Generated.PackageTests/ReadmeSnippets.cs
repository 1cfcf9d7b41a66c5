using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Toloka.Generated.PackageTests
{
    /// <summary>One <c>```csharp</c> block of a Markdown document (README.md, the package README): where it starts and its code, de-indented.</summary>
    internal sealed record ReadmeSnippet(string Document, int Line, string Code)
    {
        // A block whose first declaration is a namespace or a type is a source file; anything else is a
        // top-level program. Leading using directives, comments, attributes' targets and blank lines are skipped.
        private static readonly Regex Declaration = new(
            @"^(?:(?:namespace|public|internal|sealed|abstract|static|partial|file|class|record|struct|interface|enum)\b|\[)",
            RegexOptions.CultureInvariant);

        /// <summary>True for a block of namespaces and types (a file of a project); false for a top-level program.</summary>
        public bool DeclaresTypes =>
            Code.Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith("using ", StringComparison.Ordinal))
                .Select(line => Declaration.IsMatch(line))
                .FirstOrDefault();

        /// <summary>The file name a compiler error will show, naming the README line.</summary>
        public string FileName => Document.Replace('/', '_') + ".line" + Line + ".cs";

        /// <summary>The code with a <c>#line</c> directive, so errors point at the document's own lines.</summary>
        public string Source => "#line " + Line + " \"" + Document + "\"\n" + Code;

        /// <summary>Every <c>```csharp</c> block, fenced at any indentation (as inside a list item).</summary>
        public static IReadOnlyList<ReadmeSnippet> Read(string document, string markdown)
        {
            var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var snippets = new List<ReadmeSnippet>();
            for (var i = 0; i < lines.Length; i++)
            {
                var fence = lines[i].TrimStart();
                if (fence != "```csharp" && fence != "```cs" && fence != "```c#")
                {
                    continue;
                }

                var indent = lines[i].Length - fence.Length;
                var body = new List<string>();
                var j = i + 1;
                for (; j < lines.Length && lines[j].Trim() != "```"; j++)
                {
                    var line = lines[j];
                    body.Add(line.Length >= indent && line[..indent].Trim().Length == 0 ? line[indent..] : line.TrimStart());
                }

                if (j == lines.Length)
                {
                    throw new FormatException(document + " line " + (i + 1) + ": a ```csharp block is never closed.");
                }

                snippets.Add(new ReadmeSnippet(document, i + 2, string.Join("\n", body)));
                i = j;
            }

            return snippets;
        }
    }
}
