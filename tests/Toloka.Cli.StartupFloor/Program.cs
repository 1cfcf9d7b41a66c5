namespace Toloka.Cli.StartupFloor
{
    internal static class Program
    {
        private static int Main() => 0;
    }
}
