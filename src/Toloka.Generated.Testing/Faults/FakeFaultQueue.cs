using System;
using System.Collections.Generic;
using System.Linq;

namespace Toloka.Generated.Testing
{
    /// <summary>
    /// Faults waiting for the next requests to each endpoint, first queued first used; when an endpoint's
    /// queue is empty, its standing rules (a probability with a seed, or a schedule of request numbers)
    /// decide, in the order they were added.
    /// </summary>
    internal sealed class FakeFaultQueue
    {
        private readonly object _gate = new();
        private readonly Dictionary<FakeTolokaEndpoint, Queue<FakeFault>> _queues = new();
        private readonly Dictionary<FakeTolokaEndpoint, List<Rule>> _rules = new();

        internal void Add(FakeTolokaEndpoint endpoint, FakeFault fault, int times)
        {
            lock (_gate)
            {
                if (!_queues.TryGetValue(endpoint, out var queue))
                {
                    queue = new Queue<FakeFault>();
                    _queues[endpoint] = queue;
                }

                for (var i = 0; i < times; i++)
                {
                    queue.Enqueue(fault);
                }
            }
        }

        internal void AddRandom(FakeTolokaEndpoint endpoint, FakeFault fault, double probability, int seed) =>
            AddRule(endpoint, new Rule(fault, new Random(seed), probability, schedule: null));

        internal void AddSchedule(FakeTolokaEndpoint endpoint, FakeFault fault, IEnumerable<int> requestNumbers) =>
            AddRule(endpoint, new Rule(fault, random: null, probability: 0, new HashSet<int>(requestNumbers)));

        internal void ClearRules(FakeTolokaEndpoint endpoint)
        {
            lock (_gate)
            {
                _rules.Remove(endpoint);
            }
        }

        internal FakeFault? Take(FakeTolokaEndpoint endpoint)
        {
            lock (_gate)
            {
                if (_queues.TryGetValue(endpoint, out var queue) && queue.Count > 0)
                {
                    return queue.Dequeue();
                }

                if (!_rules.TryGetValue(endpoint, out var rules))
                {
                    return null;
                }

                // Every rule sees every request, so each rule's sequence of decisions depends only on its
                // seed or schedule and the number of requests, never on which other rule fired.
                FakeFault? chosen = null;
                foreach (var rule in rules)
                {
                    if (rule.Decide() && chosen is null)
                    {
                        chosen = rule.Fault;
                    }
                }

                return chosen;
            }
        }

        internal int Count(FakeTolokaEndpoint endpoint)
        {
            lock (_gate)
            {
                return _queues.TryGetValue(endpoint, out var queue) ? queue.Count : 0;
            }
        }

        private void AddRule(FakeTolokaEndpoint endpoint, Rule rule)
        {
            lock (_gate)
            {
                if (!_rules.TryGetValue(endpoint, out var rules))
                {
                    rules = new List<Rule>();
                    _rules[endpoint] = rules;
                }

                rules.Add(rule);
            }
        }

        /// <summary>One standing rule: a seeded coin per request, or the request numbers (1-based, counted from when it was added) it fires on.</summary>
        private sealed class Rule
        {
            private readonly Random? _random;
            private readonly double _probability;
            private readonly HashSet<int>? _schedule;
            private int _seen;

            internal Rule(FakeFault fault, Random? random, double probability, HashSet<int>? schedule)
            {
                Fault = fault;
                _random = random;
                _probability = probability;
                _schedule = schedule;
            }

            internal FakeFault Fault { get; }

            internal bool Decide()
            {
                _seen++;
                return _schedule is not null ? _schedule.Contains(_seen) : _random!.NextDouble() < _probability;
            }
        }
    }
}
