using System;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace Toloka.Cli.StartupFloor.Http
{
    internal static class Program
    {
        /// <summary>GETs the URL, binds the answer to <see cref="Pool"/> and writes it back as one line.</summary>
        private static async Task<int> Main(string[] args)
        {
            using var client = new HttpClient();
            var text = await client.GetStringAsync(new Uri(args[0])).ConfigureAwait(false);
            var pool = JsonConvert.DeserializeObject<Pool>(text);
            Console.WriteLine(JsonConvert.SerializeObject(pool));
            return 0;
        }
    }

    /// <summary>The fields of a pool measure.sh's stand-in answers with.</summary>
    internal sealed class Pool
    {
        [JsonProperty("id")]
        public string? Id { get; set; }

        [JsonProperty("project_id")]
        public string? ProjectId { get; set; }

        [JsonProperty("private_name")]
        public string? PrivateName { get; set; }

        [JsonProperty("status")]
        public string? Status { get; set; }

        [JsonProperty("created")]
        public DateTimeOffset? Created { get; set; }

        [JsonProperty("will_expire")]
        public DateTimeOffset? WillExpire { get; set; }

        [JsonProperty("may_contain_adult_content")]
        public bool MayContainAdultContent { get; set; }

        [JsonProperty("reward_per_assignment")]
        public double RewardPerAssignment { get; set; }

        [JsonProperty("assignment_max_duration_seconds")]
        public int AssignmentMaxDurationSeconds { get; set; }

        [JsonProperty("defaults")]
        public PoolDefaults? Defaults { get; set; }
    }

    /// <summary>A nested model, as Toloka's pools have.</summary>
    internal sealed class PoolDefaults
    {
        [JsonProperty("default_overlap_for_new_task_suites")]
        public int DefaultOverlapForNewTaskSuites { get; set; }
    }
}
