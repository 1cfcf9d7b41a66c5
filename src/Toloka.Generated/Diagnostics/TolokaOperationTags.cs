using System.Diagnostics;
using System.IO;
using Newtonsoft.Json;

namespace Toloka.Generated
{
    /// <summary>What a traced call's activity says about the Toloka operation its answer is.</summary>
    internal static class TolokaOperationTags
    {
        /// <summary>
        /// Tags <c>toloka.operation_id</c> and <c>toloka.operation.status</c> when the answer is a Toloka
        /// operation. Only traced calls pay for this read, and the body is the pipeline's masked copy.
        /// </summary>
        internal static void Add(Activity activity, string? body)
        {
            if (body is null || body.Length == 0 || body[0] != '{')
            {
                return;
            }

            string? id = null, type = null, status = null;
            try
            {
                using var reader = new JsonTextReader(new StringReader(body)) { MaxDepth = TolokaAnswerJson.MaxJsonDepth, DateParseHandling = DateParseHandling.None };
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
                {
                    var name = (string?)reader.Value;
                    reader.Read();
                    if (reader.TokenType == JsonToken.String)
                    {
                        switch (name)
                        {
                            case "id": id = (string?)reader.Value; break;
                            case "type": type = (string?)reader.Value; break;
                            case "status": status = (string?)reader.Value; break;
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            catch (JsonException)
            {
                // The generated code reports a bad body; the activity simply goes without these tags.
                return;
            }

            // An operation's type reads like POOL.CLONE; a pool or training has no such type.
            if (id is not null && status is not null && type is not null && type.IndexOf('.') > 0)
            {
                activity.SetTag("toloka.operation_id", id);
                activity.SetTag("toloka.operation.type", type);
                activity.SetTag("toloka.operation.status", status);
            }
        }
    }
}
