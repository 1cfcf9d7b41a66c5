using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Toloka.Generated.TestSupport
{
    /// <summary>JSON read as written: Json.NET would otherwise turn "2016-04-07T16:06:15.902" into a date and lose the text.</summary>
    internal static class Json
    {
        public static JToken Parse(string json)
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(reader);
        }

        public static JToken ParseFile(string path) => Parse(File.ReadAllText(path));
    }
}
