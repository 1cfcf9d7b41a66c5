using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Toloka.Generated.TestSupport
{
    /// <summary>
    /// Reads YAML into JSON with the YAML 1.2 core schema, as Spectral and Prism do: a plain
    /// <c>100</c> is a number, <c>true</c> a boolean, <c>'1'</c> a string. NSwag's own YAML loader
    /// turns every scalar into a string, which would make every example's <c>progress: 100</c> fail
    /// an integer schema and every <c>id: 42</c> pass a string one.
    /// </summary>
    internal static partial class YamlToJson
    {
        private const string StringTag = "tag:yaml.org,2002:str";

        public static JToken Parse(string yaml)
        {
            var stream = new YamlStream();
            using (var reader = new StringReader(yaml))
            {
                stream.Load(reader);
            }

            if (stream.Documents.Count != 1)
            {
                throw new FormatException("Expected one YAML document, found " + stream.Documents.Count + ".");
            }

            return Convert(stream.Documents[0].RootNode);
        }

        private static JToken Convert(YamlNode node) => node switch
        {
            YamlMappingNode mapping => new JObject(mapping.Children.Select(entry =>
                new JProperty(((YamlScalarNode)entry.Key).Value ?? "", Convert(entry.Value)))),
            YamlSequenceNode sequence => new JArray(sequence.Children.Select(Convert)),
            YamlScalarNode scalar => ConvertScalar(scalar),
            _ => throw new FormatException("Unexpected YAML node " + node.NodeType + " at " + node.Start + "."),
        };

        private static JValue ConvertScalar(YamlScalarNode scalar)
        {
            var text = scalar.Value ?? "";
            if (scalar.Style != ScalarStyle.Plain || (scalar.Tag.IsGlobal && scalar.Tag.Value == StringTag))
            {
                return new JValue(text);
            }

            if (text is "" or "~" or "null" or "Null" or "NULL")
            {
                return JValue.CreateNull();
            }

            if (text is "true" or "True" or "TRUE")
            {
                return new JValue(true);
            }

            if (text is "false" or "False" or "FALSE")
            {
                return new JValue(false);
            }

            if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return new JValue(integer);
            }

            if (FloatPattern().IsMatch(text))
            {
                return new JValue(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            }

            return new JValue(text);
        }

        [GeneratedRegex("^[-+]?[0-9]+$")]
        private static partial Regex IntegerPattern();

        [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
        private static partial Regex FloatPattern();
    }
}
