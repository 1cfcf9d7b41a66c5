using System;
using System.Collections.Generic;
using System.Linq;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// Every request in arrival order. An entry is added when the request arrives and gets its status
    /// before the first byte of the answer is sent, so a client that has its answer finds it logged.
    /// </summary>
    internal sealed class FakeRequestLog
    {
        private readonly object _gate = new();
        private readonly List<Entry> _entries = new();

        internal Entry Add(string method, string path, FakeTolokaEndpoint? endpoint, bool isAuthenticated, DateTimeOffset receivedAt)
        {
            var entry = new Entry(this, method, path, endpoint, isAuthenticated, receivedAt);
            lock (_gate)
            {
                _entries.Add(entry);
            }

            return entry;
        }

        internal IReadOnlyList<FakeTolokaRequest> Snapshot()
        {
            lock (_gate)
            {
                return _entries.Select(e => e.ToRequest()).ToArray();
            }
        }

        internal void Clear()
        {
            lock (_gate)
            {
                _entries.Clear();
            }
        }

        internal sealed class Entry
        {
            private readonly FakeRequestLog _log;
            private readonly string _method;
            private readonly string _path;
            private readonly FakeTolokaEndpoint? _endpoint;
            private readonly bool _isAuthenticated;
            private readonly DateTimeOffset _receivedAt;
            private int? _statusCode;
            private FakeFault? _fault;

            internal Entry(FakeRequestLog log, string method, string path, FakeTolokaEndpoint? endpoint, bool isAuthenticated, DateTimeOffset receivedAt)
            {
                _log = log;
                _method = method;
                _path = path;
                _endpoint = endpoint;
                _isAuthenticated = isAuthenticated;
                _receivedAt = receivedAt;
            }

            internal void Answered(int? statusCode, FakeFault? fault)
            {
                lock (_log._gate)
                {
                    _statusCode = statusCode;
                    _fault = fault;
                }
            }

            // Called under the log's lock.
            internal FakeTolokaRequest ToRequest() => new(_method, _path, _endpoint, _isAuthenticated, _receivedAt, _statusCode, _fault);
        }
    }
}
