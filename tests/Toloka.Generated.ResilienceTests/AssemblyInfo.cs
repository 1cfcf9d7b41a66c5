using NUnit.Framework;

// The socket-fault cases mostly wait on sockets and timeouts, not on the CPU: run several at once.
[assembly: LevelOfParallelism(8)]
