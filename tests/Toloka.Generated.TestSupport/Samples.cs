namespace Toloka.Generated.TestSupport
{
    /// <summary>Bodies from the Toloka reference pages in shared/seeds and the spec's examples, and error bodies as Toloka sends them.</summary>
    internal static class Samples
    {
        /// <summary>An OAuth token as long as real ones (the older kind of credential; no dots, so it classifies as OAuth).</summary>
        public const string Token = "AQAD-qJSJqFake-token_123";

        /// <summary>An API key shaped as Toloka's are (two dots, the first at index 23), so it classifies as ApiKey.</summary>
        public const string ApiKey = "Hk3v9QmZx2LpW7rT0bYc5Nd.Jq8sFf4Gu1Ae6Xw.Rk2Mo9Pl5Bv3Tz7Cy0Dn";

        // shared/seeds/clone-pool.md, "Response".
        public const string ClonePoolOperation = """
        {
          "id" : "7ea08f99-5e24-47b4-b61f-c177a868d801",
          "type" : "POOL.CLONE",
          "status" : "SUCCESS",
          "submitted" : "2016-04-07T16:06:15.902",
          "started" : "2016-04-07T16:06:15.902",
          "finished" : "2016-04-07T16:06:15.902",
          "progress" : 100,
          "parameters" : {
            "pool_id" : "1"
          },
          "details" : {
            "pool_id" : "2"
          }
        }
        """;

        // shared/seeds/clone-training-pool.md, "Response".
        public const string CloneTrainingOperation = """
        {
          "id": "7ea08f99-5e24-47b4-b61f-c177a868d801",
          "type": "TRAINING.CLONE",
          "status": "SUCCESS",
          "submitted": "2021-02-26T10:13:32.921",
          "started": "2021-02-26T10:13:32.921",
          "finished": "2021-02-26T10:13:32.921",
          "progress": 100,
          "parameters": {
            "training_id": "123456"
          },
          "details": {
            "training_id": "123457"
          }
        }
        """;

        // shared/seeds/archive-training-pool.md, "Response".
        public const string ArchiveTrainingOperation = """
        {
          "id": "95029e60-eace-4a3e-96b9-c72c5e727218",
          "type": "TRAINING.ARCHIVE",
          "status": "SUCCESS",
          "submitted": "2021-02-26T10:13:32.921",
          "started": "2021-02-26T10:13:32.921",
          "finished": "2021-02-26T10:13:32.921",
          "progress": 100,
          "parameters": {
            "training_id": "123456"
          },
          "details": {}
        }
        """;

        public const string ArchivePoolOperation = """
        {
          "id": "95029e60-eace-4a3e-96b9-c72c5e727219",
          "type": "POOL.ARCHIVE",
          "status": "RUNNING",
          "submitted": "2021-02-26T10:13:32.921",
          "started": "2021-02-26T10:13:32.921",
          "progress": 50,
          "parameters": { "pool_id": "21" }
        }
        """;

        // openapi/toloka.yaml, getOperation's 200 example.
        public const string RunningOperation = """
        {
          "id": "7ea08f99-5e24-47b4-b61f-c177a868d801",
          "type": "POOL.CLONE",
          "status": "RUNNING",
          "submitted": "2016-04-07T16:06:15.902",
          "started": "2016-04-07T16:06:15.902",
          "progress": 40,
          "parameters": { "pool_id": "1" }
        }
        """;

        public static string Error(string code, string message, string requestId = "req-1", string payload = "null") =>
            "{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"request_id\":\"" + requestId + "\",\"payload\":" + payload + "}";
    }
}
